/**
 * The session lives in an HttpOnly cookie the page's scripts never see: what the app hears instead is that
 * the server ended it (a request or the live socket answered UNAUTHENTICATED), or that another tab of this
 * site signed in or out (a BroadcastChannel, carrying no secret).
 */
type SessionEvent = 'ended' | 'changed';
type Listener = (event: SessionEvent) => void;

const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('rostrum-session');
channel?.addEventListener('message', () => listeners.forEach((listen) => listen('changed')));

/** The server refused this session (expired, revoked, signed out elsewhere). */
export function sessionEnded(): void {
  listeners.forEach((listen) => listen('ended'));
}

/** This tab signed in or out: the others check again. */
export function announceSessionChange(): void {
  channel?.postMessage('changed');
}

export function onSessionEvent(listen: Listener): () => void {
  listeners.add(listen);
  return () => listeners.delete(listen);
}
