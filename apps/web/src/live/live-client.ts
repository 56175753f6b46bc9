import {
  LIVE_NAMESPACE,
  LIVE_RECONNECT,
  type Ack,
  type ClientCommandName,
  type ClientCommands,
  type ClientToServerEvents,
  type ServerEvents,
} from '@rostrum/contracts';
import { io, type Socket } from 'socket.io-client';

export type LiveSocket = Socket<ServerEvents, ClientToServerEvents>;

/**
 * A command's answer; OFFLINE when it was not sent (no connection), NETWORK when the connection was lost
 * before an answer came (or none came in time): the outcome is unknown.
 */
export type CommandResult<T> =
  Ack<T> | { ok: false; error: { code: 'NETWORK' | 'OFFLINE'; message: string } };

/** Errors that say nothing about the command itself, only about the connection: stale once re-joined. */
export const CONNECTION_ERRORS: ReadonlySet<string> = new Set(['NETWORK', 'OFFLINE', 'NOT_JOINED']);

export const COMMAND_TIMEOUT_MS = 8000;

/**
 * One connection to the /live namespace. Websocket only: every API instance serves every panel, so a load
 * balancer needs no sticky sessions. The browser sends the session cookie with the handshake; without one
 * the client is a public viewer.
 */
export function connectLive(): LiveSocket {
  return io(LIVE_NAMESPACE, {
    transports: ['websocket'],
    ...LIVE_RECONNECT,
  });
}

/**
 * Sends a command and waits for its acknowledgement. Never buffered while offline (socket.io would send it
 * after the reconnect, long after the user was told it failed): refused at once instead. One sent just
 * before a silent drop fails when the heartbeat notices (socket.io rejects pending acks on disconnect); the
 * server drops the dead connection by then too, so what it held is never run.
 */
export async function sendCommand<K extends ClientCommandName>(
  socket: LiveSocket,
  name: K,
  payload: ClientCommands[K][0],
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<CommandResult<ClientCommands[K][1]>> {
  if (!socket.connected) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected' } };
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, body: unknown): Promise<CommandResult<ClientCommands[K][1]>>;
  };
  try {
    return await timed.emitWithAck(name, payload);
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: 'No answer from the server' } };
  }
}

/** A command's data, or its error thrown (with its contract `code`), for use with `useAction().run`. */
export function unwrap<T>(answer: CommandResult<T>): T {
  if (answer.ok) return answer.data;
  throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
}
