import { InjectQueue } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { ArchiveRecordingJob, QUEUES } from '@rostrum/contracts';
import { RecordingEntity } from '@rostrum/database';
import { enqueueArchive, latestArchiveJobId } from '@rostrum/recordings';
import { ArchiveService } from './archive.service';

const SWEEP_EVERY_MS = 60_000;
/** How long shutdown waits for a sweep under way (one stuck on a Redis outage must not hold it up). */
const SHUTDOWN_WAIT_MS = 5000;

/** BullMQ's `failedReason` for a job that stalled more often than `maxStalledCount` allows. */
export const isStallFailure = (failedReason: string | undefined) =>
  /stalled more than allowable limit/.test(failedReason ?? '');

/** The row's `error` for a job BullMQ failed outside `process`. */
export const rowErrorFor = (failedReason: string | undefined) =>
  isStallFailure(failedReason)
    ? 'The worker stopped repeatedly while archiving this recording'
    : `Archiving failed: ${failedReason || 'no reason given'}`;

/**
 * The safety net that keeps a recording from staying `processing` for ever. At start and every minute, each
 * `processing` recording
 * - whose latest job has failed is marked failed with that job's reason (a worker killed between BullMQ
 *   failing the job and writing the row);
 * - whose latest job is not in Redis at all is queued again under the same id (a Redis that lost its data,
 *   or an enqueue that failed after the row was written). The archive is idempotent, and a job id already
 *   queued adds nothing, so a sweep that races the API's own enqueue is harmless.
 */
@Injectable()
export class ArchiveReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ArchiveReconciler.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly archive: ArchiveService,
    @InjectQueue(QUEUES.archive) private readonly queue: Queue<ArchiveRecordingJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([this.sweeping, new Promise((r) => (bound = setTimeout(r, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(bound);
  }

  /** One sweep at a time: a slow one makes the next tick skip. */
  private tick(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((err: unknown) => this.logger.warn({ err }, 'archive reconcile skipped'))
      .finally(() => (this.sweeping = undefined));
  }

  async sweep(): Promise<void> {
    const processing = await this.db.getRepository(RecordingEntity).find({
      select: { id: true, egressId: true, attempts: true },
      where: { status: 'processing' },
    });
    for (const recording of processing) {
      const jobId = latestArchiveJobId(recording);
      const job = await this.queue.getJob(jobId);
      if (!job) {
        this.logger.warn(
          { recordingId: recording.id, jobId },
          'recording processing without a job: queued again',
        );
        await enqueueArchive(this.queue, this.config.archive, recording.id, jobId);
        continue;
      }
      if (!(await job.isFailed())) continue;
      this.logger.warn({ recordingId: recording.id, jobId }, 'recording left processing by a failed job');
      await this.archive.abandonRun(recording.id, jobId, rowErrorFor(job.failedReason));
    }
  }
}
