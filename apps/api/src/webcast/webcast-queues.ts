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
