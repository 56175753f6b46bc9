import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import {
  QUEUES,
  WEBCAST_JOB_NAMES,
  WebcastPanelJob,
  WebcastSyncBoothJob,
  WebcastSyncFloorJob,
} from '@rostrum/contracts';
import { WebcastBoothsService } from './webcast-booths.service';
import { WebcastFloorService } from './webcast-floor.service';
import { WebcastReconciler } from './webcast-reconciler.service';
import { WebcastRecordingService } from './webcast-recording.service';

/** Runs the webcast's background work on any API instance: retries of LiveKit calls, and the reconciler. */
@Processor(QUEUES.webcastSync)
export class WebcastSyncProcessor extends WorkerHost {
  constructor(
    private readonly floor: WebcastFloorService,
    private readonly booths: WebcastBoothsService,
    private readonly recordings: WebcastRecordingService,
    private readonly reconciler: WebcastReconciler,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case WEBCAST_JOB_NAMES.syncFloor: {
        const { panelId, userIds } = job.data as WebcastSyncFloorJob;
        return this.floor.applyFloor(panelId, userIds);
      }
      case WEBCAST_JOB_NAMES.syncBooth: {
        const { panelId, language } = job.data as WebcastSyncBoothJob;
        return this.booths.applyBooth(panelId, language);
      }
      case WEBCAST_JOB_NAMES.startRecording: {
        const recording = await this.recordings.ensureRecording((job.data as WebcastPanelJob).panelId);
        this.recordings.announce(recording);
        return recording?.id ?? null;
      }
      case WEBCAST_JOB_NAMES.stopRecording:
        return this.recordings.stopRecordings((job.data as WebcastPanelJob).panelId);
      case WEBCAST_JOB_NAMES.reconcile:
        return this.reconciler.reconcile();
      default:
        throw new Error(`unknown webcast job ${job.name}`);
    }
  }
}
