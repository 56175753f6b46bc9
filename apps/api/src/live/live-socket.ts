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
  /** Interpretation booths this connection joined (`booth:join`), as `panelId/language` keys. */
  booths?: Record<string, true>;
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
  /**
   * Heartbeat: the server pings every 3 s and drops a client whose pong is 5 s late; the client, told both in
   * the handshake, counts itself cut off 8 s after the last ping. So a silent drop shows within 10 s on both
   * sides (socket.io's 25 s + 20 s left it unnoticed for 45 s). At 2,000 clients an instance sends ~670
   * pings a second of a few bytes each: far below one core-percent.
   */
  pingIntervalMs: 3000,
  pingTimeoutMs: 5000,
} as const;

export const ackError = (code: ErrorCode, message: string) => ({
  ok: false as const,
  error: { code, message },
});
