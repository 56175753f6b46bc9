import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { LIVE_NAMESPACE, ROOMS, RecordingView, ServerEvents, socketIoRedisKey } from '@rostrum/contracts';

export type LiveEmitter = Emitter<ServerEvents>;

/**
 * Emits to the /live namespace from any process through Redis: the API instances' socket.io Redis adapter
 * (same key) delivers to their clients. The worker has no socket.io server; the API uses it too, so a
 * status change reaches clients the same way whoever made it.
 */
export function createLiveEmitter(
  redis: Redis,
  redisPrefix: string,
  onError: (err: Error) => void,
): LiveEmitter {
  // The emitter fires PUBLISH without waiting: a Redis outage must be logged, not become an unhandled
  // rejection that stops the process.
  const publisher = {
    publish: (channel: string, message: string | Buffer) => redis.publish(channel, message).catch(onError),
  };
  return new Emitter<ServerEvents>(publisher, { key: socketIoRedisKey(redisPrefix) }).of(LIVE_NAMESPACE);
}

/** `recording:status` to staff and the panel's moderators. Fire and forget: the row is the truth. */
export function publishRecordingStatus(emitter: LiveEmitter, recording: RecordingView): void {
  emitter.to([ROOMS.staff, ROOMS.panelModerators(recording.panelId)]).emit('recording:status', recording);
}
