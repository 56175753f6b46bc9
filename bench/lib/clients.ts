import { io, Socket } from 'socket.io-client';
import { headOnlyStateParser } from './head-only-parser';

/** How a client presents its token at the handshake: `auth.token` (scripts), or the session cookie (browsers). */
export type TokenVia = 'auth' | 'cookie';

/** Opens `count` websocket clients to a /live namespace, `parallel` handshakes at a time. */
export async function connectMany(
  url: string,
  tokens: (string | undefined)[],
  parallel = 50,
  via: TokenVia = 'auth',
): Promise<Socket[]> {
  const sockets: Socket[] = new Array(tokens.length);
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const i = next++;
      sockets[i] = await connectOne(url, tokens[i], via);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return sockets;
}

export function connectOne(url: string, token?: string, via: TokenVia = 'auth'): Promise<Socket> {
  const socket = io(`${url}/live`, {
    transports: ['websocket'],
    auth: token && via === 'auth' ? { token } : {},
    extraHeaders: token && via === 'cookie' ? { cookie: `rostrum_session=${token}` } : undefined,
    reconnection: false,
    forceNew: true,
    parser: headOnlyStateParser,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Sends a command and returns its acknowledgement's data, or throws with its error code. */
export async function command<T = any>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = await socket.timeout(60_000).emitWithAck(event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code} ${answer.error.message}`);
  return answer.data as T;
}

/** Runs `task` over the items, `parallel` at a time. */
export async function inBatches<T>(items: T[], parallel: number, task: (item: T) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
