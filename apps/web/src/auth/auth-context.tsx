import type { Role, UserView } from '@rostrum/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/http-client';
import { rest, type SignedIn } from '../api/rest';
import { currentToken, onTokenChange, writeToken } from './token-store';

export interface AuthState {
  /** `loading` while a stored token is being checked with GET /api/auth/me. */
  status: 'loading' | 'ready';
  user: UserView | null;
  token: string | null;
  signIn(answer: SignedIn): void;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(currentToken);
  const [user, setUser] = useState<UserView | null>(null);
  const [status, setStatus] = useState<AuthState['status']>(token ? 'loading' : 'ready');

  useEffect(
    () =>
      onTokenChange((next) => {
        setToken(next);
        if (!next) setUser(null);
      }),
    [],
  );

  // A stored token is checked once at start; a rejected one signs out (the HTTP client clears it).
  useEffect(() => {
    if (!token || user) return;
    let cancelled = false;
    rest
      .me()
      .then((me) => !cancelled && setUser(me))
      .catch((err: unknown) => {
        if (!cancelled && err instanceof ApiError && err.code === 'UNAUTHENTICATED') writeToken(null);
      })
      .finally(() => !cancelled && setStatus('ready'));
    return () => {
      cancelled = true;
    };
  }, [token, user]);

  const signIn = useCallback((answer: SignedIn) => {
    setUser(answer.user);
    setStatus('ready');
    writeToken(answer.accessToken);
  }, []);
  const signOut = useCallback(() => writeToken(null), []);

  const value = useMemo(
    () => ({ status, user, token, signIn, signOut }),
    [status, user, token, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

export const isStaff = (role: Role | undefined) => role === 'staff' || role === 'admin';
