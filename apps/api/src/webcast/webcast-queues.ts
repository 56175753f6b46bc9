import { BullModule } from '@nestjs/bullmq';
import { JobsOptions } from 'bullmq';
import { QUEUES } from '@rostrum/contracts';

/**
 * The webcast's own queue, with the connection and prefix of BullModule.forRoot (`<REDIS_PREFIX>:bull`, as the
 * worker's); the archive queue comes from RecordingsModule.
 */
export const webcastQueues = BullModule.registerQueue({ name: QUEUES.webcastSync });

/** Retries of a LiveKit call: 1 s, 2 s, 4 s … for about 17 minutes, then left to the reconciler. */
export const RETRY_JOB: JobsOptions = {
  delay: 1000,
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: 100,
};

/**
 * BullMQ queues commands while Redis is away; a caller holding a transaction or a moderator's command must
 * not wait for ever.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
