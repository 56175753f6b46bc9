import { InjectQueue, OnQueueEvent, QueueEventsHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { isUUID } from 'class-validator';
import { ArchiveRecordingJob, QUEUES } from '@rostrum/contracts';
import { ArchiveService } from './archive.service';

/**
 * A job that stalled more often than BullMQ allows (its worker killed again and again) fails inside Redis,
 * without reaching `process`: mark its recording failed from the queue's events. (`@QueueEventsListener` is
 * applied in ArchiveModule, like the processor's decorator.)
 */
@Injectable()
export class ArchiveFailureListener extends QueueEventsHost {
  constructor(
    private readonly archive: ArchiveService,
    @InjectQueue(QUEUES.archive) private readonly queue: Queue<ArchiveRecordingJob>,
  ) {
    super();
  }

  @OnQueueEvent('failed')
  async onFailed({ jobId, failedReason }: { jobId: string; failedReason: string }): Promise<void> {
    if (!/stalled/i.test(failedReason)) return;
    const job = await this.queue.getJob(jobId);
    if (job && isUUID(job.data.recordingId)) {
      await this.archive.markFailed(
        job.data.recordingId,
        'The worker stopped repeatedly while archiving this recording',
      );
    }
  }
}
