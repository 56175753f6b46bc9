/** The access token, kept in localStorage so a reload stays signed in; listeners hear sign-in and sign-out. */
const KEY = 'rostrum.accessToken';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

export function readToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled (private mode): stay signed out rather than fail
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // storage disabled: the session lasts until reload
  }
  memoryToken = token;
  listeners.forEach((listen) => listen(token));
}

let memoryToken: string | null = readToken();
export const currentToken = () => memoryToken;

export function onTokenChange(listen: Listener): () => void {
  listeners.add(listen);
  return () => listeners.delete(listen);
}
