import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@rostrum/config';

export const REDIS = Symbol('REDIS');

/** Closes the shared client when the app shuts down. */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * One ioredis client for commands (rate limits, health, presence). BullMQ and the socket.io adapter open
 * their own connections, as each needs blocking or subscriber connections.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new Redis(config.redisUrl, {
          // Fail commands fast while Redis is away instead of queueing them for ever; reconnect in the background.
          maxRetriesPerRequest: 1,
          enableOfflineQueue: true,
          connectTimeout: 3000,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        }),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
