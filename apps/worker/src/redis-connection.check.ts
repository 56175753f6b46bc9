import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@rostrum/config';

/** Fails the boot with a clear message when Redis cannot be reached, instead of idling silently. */
@Injectable()
export class RedisConnectionCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    const redis = new Redis(this.config.redisUrl, {
      lazyConnect: true,
      connectTimeout: 5000,
      maxRetriesPerRequest: 1,
    });
    try {
      await redis.connect();
      await redis.ping();
      this.logger.log('connected to Redis');
    } finally {
      redis.disconnect();
    }
  }
}
