import type { QueueOptions } from 'bullmq';
import type { AppConfig } from './app-config';

/**
 * BullMQ's connection for the API and the worker. `maxRetriesPerRequest: null` is what BullMQ requires of
 * its blocking connections. The retry strategy replaces BullMQ's default (e^n ms, up to 20 s): after a Redis
 * restart of a few seconds that default left the time-up worker up to 20 s late, and a shutdown meanwhile
 * waited on a connection parked between attempts. Every 0.5–2 s, Redis is found again within 2 s of its return.
 */
export function queueRootOptions(config: AppConfig): QueueOptions {
  return {
    connection: {
      url: config.redisUrl,
      maxRetriesPerRequest: null,
      retryStrategy: (times: number) => Math.min(500 * times, 2000),
    },
    prefix: `${config.redisPrefix}:bull`,
  };
}
