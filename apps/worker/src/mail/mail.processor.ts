import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { isUUID } from 'class-validator';
import { SendMailJob } from '@rostrum/contracts';
import { MailAttemptError, MailSenderService, SendOutcome } from './mail-sender.service';

/** How long a job waits when another worker holds its row (it will be sent or retried by then). */
const BUSY_RETRY_MS = 5000;

/**
 * Runs the `mail` queue's jobs (the `@Processor` decorator, with the worker options from the config, is
 * applied in MailModule). Each attempt is one SMTP try; BullMQ retries with exponential backoff.
 */
@Injectable()
export class MailProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly sender: MailSenderService) {
    super();
  }

  async process(job: Job<SendMailJob>, token?: string): Promise<SendOutcome> {
    const { outboxId } = job.data;
    if (!isUUID(outboxId)) {
      this.logger.error({ jobId: job.id, data: job.data }, 'mail job without an outbox id: dropped');
      return 'no-such-mail';
    }
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    try {
      const outcome = await this.sender.send(outboxId, attempt >= attempts);
      if (outcome === 'busy') {
        // Never complete a job while its row is still queued: that would leave nothing to retry it.
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      this.logger.warn(
        { outboxId, jobId: job.id, attempt, attempts, err: (err as Error).message },
        'mail attempt failed',
      );
      // The relay refused this mail for good: no retry (the row is already failed).
      if (err instanceof MailAttemptError && err.permanent) throw new UnrecoverableError(err.message);
      throw err;
    }
  }

  /** A job BullMQ failed without `process` finishing it (stalled too often): the row says so. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<SendMailJob> | undefined, err: Error): Promise<void> {
    if (!job || !isUUID(job.data.outboxId)) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled more than allowable limit/.test(err.message))
      return;
    await this.sender
      .markFailed(job.data.outboxId, `Sending failed: ${err.message}`)
      .catch((cause: Error) =>
        this.logger.error(
          { outboxId: job.data.outboxId, err: cause.message },
          'could not mark a mail failed',
        ),
      );
  }

  /** Before the database and Redis clients close: stop taking jobs and let the ones in hand finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
