import { io, Socket } from 'socket.io-client';
import {
  Ack,
  ClientCommandName,
  ClientCommands,
  LIVE_NAMESPACE,
  LIVE_RECONNECT,
  PanelSnapshot,
} from '@rostrum/contracts';

/**
 * A client that follows one panel the way the web app does (apps/web/src/live/use-panel-live.ts): it
 * reconnects with the app's jittered backoff, joins again after every (re)connect, and joins again when a
 * `panel:state`'s `previousVersion` shows it missed a broadcast. For fault tests with hundreds of clients:
 * it keeps only what they assert on, not every event.
 */
export interface FollowingClient {
  socket: Socket;
  /** The highest panel version seen, from join answers and `panel:state`. */
  readonly version: number;
  /** Successful `panel:join` answers (the first join included). */
  readonly joins: number;
  /** When (Date.now()) each reconnection attempt began. */
  readonly reconnectAttempts: number[];
  /** When the connection was last lost (0: never). */
  readonly lostAt: number;
  /** Events other than `panel:state` it received, with their payloads. */
  readonly events: { event: string; payload: any }[];
  send<K extends ClientCommandName>(
    event: K,
    payload: unknown,
    timeoutMs?: number,
  ): Promise<Ack<ClientCommands[K][1]>>;
  /** Resolves once it has seen `version` (or later); rejects after `timeoutMs`. */
  reaches(version: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function followPanel(
  baseUrl: string,
  panelId: string,
  options: { token?: string; joinTimeoutMs?: number } = {},
): Promise<FollowingClient> {
  const socket = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    auth: options.token ? { token: options.token } : {},
    transports: ['websocket'],
    forceNew: true,
    ...LIVE_RECONNECT,
  });
  const waiters = new Set<() => void>();
  const state = { version: 0, joins: 0, lostAt: 0, reconnectAttempts: [] as number[], events: [] as any[] };
  const seen = (version: number) => {
    if (version <= state.version) return;
    state.version = version;
    for (const check of [...waiters]) check();
  };
  let joining: Promise<void> | null = null;
  const join = () =>
    (joining ??= (async () => {
      try {
        const answer = await socket
          .timeout(options.joinTimeoutMs ?? 8000)
          .emitWithAck('panel:join', { panelId });
        if (answer.ok) {
          state.joins += 1;
          seen((answer.data as PanelSnapshot).version);
        }
      } catch {
        // no answer: the next reconnect or gap joins again
      } finally {
        joining = null;
      }
    })());

  socket.on('connect', () => void join());
  socket.on('disconnect', () => (state.lostAt = Date.now()));
  socket.io.on('reconnect_attempt', () => state.reconnectAttempts.push(Date.now()));
  socket.on('panel:state', (snapshot: PanelSnapshot) => {
    if (snapshot.panelId !== panelId) return;
    const gap = state.joins > 0 && (snapshot.previousVersion ?? snapshot.version - 1) > state.version;
    seen(snapshot.version);
    if (gap) void join();
  });
  socket.onAny((event: string, payload: unknown) => {
    if (event !== 'panel:state') state.events.push({ event, payload });
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
  await join();

  return {
    socket,
    get version() {
      return state.version;
    },
    get joins() {
      return state.joins;
    },
    get reconnectAttempts() {
      return state.reconnectAttempts;
    },
    get lostAt() {
      return state.lostAt;
    },
    get events() {
      return state.events;
    },
    send: (event, payload, timeoutMs = 8000) => socket.timeout(timeoutMs).emitWithAck(event, payload),
    reaches: (version, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (state.version < version) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`still at version ${state.version}, not ${version}, after ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    close: () => {
      socket.disconnect();
    },
  };
}
