import type { Role, UserView } from '@rostrum/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/http-client';
import { rest, type SignedIn } from '../api/rest';
import { announceSessionChange, onSessionEvent } from './session-events';

export interface AuthState {
  /** `loading` while GET /api/auth/me tells whether the session cookie still stands. */
  status: 'loading' | 'ready';
  user: UserView | null;
  /** Changes when who is signed in changes (the live socket connects again then); never a secret. */
  session: string | null;
  signIn(answer: SignedIn): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * Who is signed in. The access token stays in the HttpOnly session cookie (set by the server at sign-in,
 * cleared at sign-out), so a script injected into the page cannot take it; the app only asks the server
 * who the cookie belongs to, at start, when a request is refused, and when another tab signs in or out.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null>(null);
  const [status, setStatus] = useState<AuthState['status']>('loading');

  const refresh = useCallback(async () => {
    try {
      setUser(await rest.me());
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') setUser(null);
    } finally {
      setStatus('ready');
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionEvent(() => void refresh());
  }, [refresh]);

  const signIn = useCallback((answer: SignedIn) => {
    setUser(answer.user);
    setStatus('ready');
    announceSessionChange();
  }, []);

  const signOut = useCallback(async () => {
    await rest.logout().catch(() => undefined); // already ended on the server: signed out all the same
    setUser(null);
    announceSessionChange();
  }, []);

  const session = user?.id ?? null;
  const value = useMemo(
    () => ({ status, user, session, signIn, signOut }),
    [status, user, session, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

export const isStaff = (role: Role | undefined) => role === 'staff' || role === 'admin';
