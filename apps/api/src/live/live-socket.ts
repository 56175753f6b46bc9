import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import type { ClientToServerEvents, ErrorCode, ServerEvents } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';

/** What a client is to one panel it joined; decides its view of the panel and its presence count. */
export type PanelAudience = 'moderator' | 'panelist' | 'delegate' | 'public';

export interface LiveSocketData {
  /** null for a public viewer (connected without a token). */
  user: AuthUser | null;
  /** Panels this connection joined, by id. A plain object so `fetchSockets()` can carry it across instances. */
  panels: Record<string, PanelAudience>;
}

export type LiveSocket = Socket<ClientToServerEvents, ServerEvents, DefaultEventsMap, LiveSocketData>;
export type LiveNamespace = Namespace<ClientToServerEvents, ServerEvents, DefaultEventsMap, LiveSocketData>;

/** Limits of the /live namespace (CONTRACT.md, "Limits"). */
export const LIVE_LIMITS = {
  maxPayloadBytes: 16 * 1024,
  /** Commands a second per signed-in user, across all their sockets (per socket for public viewers). */
  commandsPerSecond: 20,
  /** Open sockets per signed-in user, across every API instance. */
  socketsPerUser: 10,
  /** Panels one connection may have joined at once (a staff dashboard watches a few; nobody needs more). */
  panelsPerConnection: 50,
} as const;

export const ackError = (code: ErrorCode, message: string) => ({
  ok: false as const,
  error: { code, message },
});
