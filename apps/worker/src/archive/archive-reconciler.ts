import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { ArchiveRecordingJob, QUEUES } from '@rostrum/contracts';
import { RecordingEntity } from '@rostrum/database';
import { enqueueArchive, latestArchiveJobId } from '@rostrum/recordings';
import { ArchiveService } from './archive.service';
import { PeriodicReconciler } from '../periodic-reconciler';

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
export class ArchiveReconciler extends PeriodicReconciler {
  protected readonly subject = 'archive';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly archive: ArchiveService,
    @InjectQueue(QUEUES.archive) private readonly queue: Queue<ArchiveRecordingJob>,
  ) {
    super();
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
