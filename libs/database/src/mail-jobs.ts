import type { Queue } from 'bullmq';
import type { MailConfig } from '@rostrum/config';
import { JOB_NAMES, mailJobId, SendMailJob } from '@rostrum/contracts';

/**
 * Queues the job of one outbox row. One job id per row: while a job for the row is kept in Redis another
 * add is ignored, so the API's enqueue and the worker's sweep never run the row twice side by side.
 */
export async function enqueueMail(queue: Queue, config: MailConfig, outboxId: string): Promise<void> {
  const data: SendMailJob = { outboxId };
  await queue.add(JOB_NAMES.sendMail, data, {
    jobId: mailJobId(outboxId),
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  });
}
