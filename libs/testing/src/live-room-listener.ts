import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { AppConfig } from '@rostrum/config';
import { LIVE_NAMESPACE, RecordingView, socketIoRedisKey } from '@rostrum/contracts';

export type LiveRoomListener = Awaited<ReturnType<typeof listenToLiveRoom>>;

/**
 * A stand-in for the API's socket.io server: a real server with the Redis adapter on the same key, whose
 * sockets join the given room, and a real client connected to it that records `recording:status`.
 */
export async function listenToLiveRoom(config: AppConfig, room: string) {
  const pub = new Redis(config.redisUrl);
  const sub = pub.duplicate();
  const http = createServer();
  const io = new Server(http);
  io.adapter(createAdapter(pub, sub, { key: socketIoRedisKey(config.redisPrefix) }));
  io.of(LIVE_NAMESPACE).on('connection', (socket) => socket.join(room));
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}${LIVE_NAMESPACE}`, {
    transports: ['websocket'],
  });
  const statuses: RecordingView[] = [];
  client.on('recording:status', (recording: RecordingView) => statuses.push(recording));
  await new Promise((resolve) => client.once('connect', () => resolve(undefined)));
  return {
    statuses,
    /** The statuses seen for one recording, in order. */
    statusesOf: (id: string) => statuses.filter((r) => r.id === id).map((r) => r.status),
    close: async () => {
      client.disconnect();
      await new Promise((resolve) => io.close(resolve));
      pub.disconnect();
      sub.disconnect();
    },
  };
}
