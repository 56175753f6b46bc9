import { BullModule } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { QUEUES } from '@rostrum/contracts';
import { withTimeout } from '../common/with-timeout';

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
 * Queues a retry of a LiveKit call on the webcast-sync queue; Redis away must not hold the caller (a
 * moderator's or an interpreter's command) more than 2 s, and a failure here is only logged.
 */
export async function queueWebcastRetry<T>(
  queue: Queue<T>,
  name: string,
  data: T,
  jobId: string,
  logger: Logger,
): Promise<void> {
  try {
    await withTimeout(
      (queue as Queue).add(name, data, { ...RETRY_JOB, jobId }),
      2000,
      'queueing the webcast retry',
    );
  } catch (err) {
    logger.error({ err, jobId }, 'could not queue the webcast retry');
  }
}
