import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { isUUID } from 'class-validator';
import { ArchiveRecordingJob } from '@rostrum/contracts';
import { ArchiveError } from './archive-error';
import { isStallFailure, rowErrorFor } from './archive-reconciler';
import { ArchiveOutcome, ArchiveService } from './archive.service';

/** How long a job waits when another worker is archiving the same recording. */
const BUSY_RETRY_MS = 5000;

/**
 * Runs the archive queue's jobs (the `@Processor` decorator is applied in ArchiveModule, where the worker
 * options come from the config). Thin: the service does the work; this maps outcomes onto BullMQ.
 */
@Injectable()
export class ArchiveProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ArchiveProcessor.name);

  constructor(private readonly archive: ArchiveService) {
    super();
  }

  async process(job: Job<ArchiveRecordingJob>, token?: string): Promise<ArchiveOutcome> {
    const { recordingId } = job.data;
    if (!isUUID(recordingId)) {
      this.logger.error({ jobId: job.id, data: job.data }, 'archive job without a recording id: dropped');
      return 'no-such-recording';
    }
    try {
      const outcome = await this.archive.archive(recordingId);
      if (outcome === 'busy') {
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      const attempt = job.attemptsMade + 1;
      const attempts = job.opts.attempts ?? 1;
      this.logger.warn({ recordingId, jobId: job.id, attempt, attempts, err }, 'archive attempt failed');
      if (attempt >= attempts) await this.archive.markFailed(recordingId, failureReason(err, attempts));
      throw err;
    }
  }

  /**
   * A job that stalled more often than `maxStalledCount` allows (its workers killed mid-run) is failed by
   * the next worker to take it, without calling `process`: that worker hears it here, in its own process.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<ArchiveRecordingJob> | undefined, err: Error): Promise<void> {
    if (!job?.id || !isStallFailure(err.message) || !isUUID(job.data.recordingId)) return;
    const { recordingId } = job.data;
    try {
      await this.archive.abandonRun(recordingId, job.id, rowErrorFor(err.message));
    } catch (cause) {
      // The reconciler's next sweep marks it instead.
      this.logger.error(
        { recordingId, jobId: job.id, err: cause },
        'could not mark a stalled recording failed',
      );
    }
  }

  /** Before the database and Redis clients close: stop taking jobs and let the one in hand finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}

function failureReason(err: unknown, attempts: number): string {
  const tries = attempts === 1 ? '' : ` (after ${attempts} attempts)`;
  if (err instanceof ArchiveError) return `${err.message}${tries}`;
  return `Archiving failed unexpectedly: ${(err as Error)?.message ?? String(err)}${tries}`;
}
