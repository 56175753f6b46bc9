import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { RecordingEntity } from '@rostrum/database';
import { createLiveEmitter, LiveEmitter, publishRecordingStatus, toRecordingView } from '@rostrum/recordings';
import { REDIS } from '../redis/redis.module';

/**
 * `recording:status` for changes made here (import, reprocess, patch), sent the way the worker sends it:
 * through Redis, so every API instance's socket.io server delivers it to staff and the panel's moderators.
 */
@Injectable()
export class RecordingStatusPublisher {
  private readonly logger = new Logger(RecordingStatusPublisher.name);
  private readonly emitter: LiveEmitter;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.emitter = createLiveEmitter(redis, config.redisPrefix, (err) =>
      this.logger.warn({ err }, 'could not publish recording:status'),
    );
  }

  publish(recording: RecordingEntity): void {
    publishRecordingStatus(this.emitter, toRecordingView(recording));
  }
}
