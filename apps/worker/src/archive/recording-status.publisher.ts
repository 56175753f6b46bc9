import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { RecordingEntity } from '@rostrum/database';
import { createLiveEmitter, LiveEmitter, publishRecordingStatus, toRecordingView } from '@rostrum/recordings';

/** `recording:status` from the worker, through Redis to the API instances' socket.io servers. */
@Injectable()
export class RecordingStatusPublisher implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly logger = new Logger(RecordingStatusPublisher.name);
  private readonly emitter: LiveEmitter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 3000 });
    this.emitter = createLiveEmitter(this.redis, config.redisPrefix, (err) =>
      this.logger.warn({ err }, 'could not publish recording:status'),
    );
  }

  publish(recording: RecordingEntity): void {
    publishRecordingStatus(this.emitter, toRecordingView(recording));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
