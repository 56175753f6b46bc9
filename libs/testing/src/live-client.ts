import { io, Socket } from 'socket.io-client';
import { Ack, ClientCommandName, ClientCommands, LIVE_NAMESPACE, PanelSnapshot } from '@rostrum/contracts';

export interface ReceivedEvent {
  event: string;
  payload: any;
  at: number;
}

/** A real socket.io client of the /live namespace, recording every event it receives. */
export interface LiveTestClient {
  socket: Socket;
  received: ReceivedEvent[];
  /** Sends a command and resolves with its acknowledgement (rejects if none comes within `timeoutMs`). */
  send<K extends ClientCommandName>(
    event: K,
    payload: unknown,
    timeoutMs?: number,
  ): Promise<Ack<ClientCommands[K][1]>>;
  /** Sends and expects `{ok: true}`, returning the data (throws with the error code otherwise). */
  ok<K extends ClientCommandName>(event: K, payload: unknown): Promise<ClientCommands[K][1]>;
  /** Resolves with the first event (already received, or to come) matching. */
  waitFor(event: string, match?: (payload: any) => boolean, timeoutMs?: number): Promise<any>;
  /** The `panel:state` snapshots received so far for a panel, in arrival order. */
  states(panelId: string): PanelSnapshot[];
  close(): void;
}

export interface ConnectOptions {
  token?: string;
  /** Extra headers for the handshake, e.g. an Origin. */
  headers?: Record<string, string>;
  transports?: ('websocket' | 'polling')[];
}

/** Connects to `${baseUrl}/live`; rejects with the `connect_error` when the handshake is refused. */
export function connectLive(baseUrl: string, options: ConnectOptions = {}): Promise<LiveTestClient> {
  const socket = io(`${baseUrl}${LIVE_NAMESPACE}`, {
    auth: options.token ? { token: options.token } : {},
    transports: options.transports ?? ['websocket'],
    extraHeaders: options.headers,
    reconnection: false,
    forceNew: true,
  });
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  socket.onAny((event: string, payload: unknown) => {
    received.push({ event, payload, at: Date.now() });
    for (const check of [...waiters]) check();
  });

  const client: LiveTestClient = {
    socket,
    received,
    send: (event, payload, timeoutMs = 10_000) => socket.timeout(timeoutMs).emitWithAck(event, payload),
    async ok(event, payload) {
      const answer = await client.send(event, payload);
      if (!answer.ok) throw new Error(`${event} failed: ${answer.error.code} ${answer.error.message}`);
      return answer.data;
    },
    waitFor(event, match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find((r) => r.event === event && match(r.payload));
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found.payload);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    states: (panelId) =>
      received
        .filter((r) => r.event === 'panel:state' && r.payload.panelId === panelId)
        .map((r) => r.payload),
    close: () => {
      socket.disconnect();
    },
  };

  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}
