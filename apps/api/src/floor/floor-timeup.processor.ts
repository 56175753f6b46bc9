import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import { FloorTimeUpJob, QUEUES } from '@rostrum/contracts';
import { FloorService } from './floor.service';

/**
 * Runs in every API instance: whichever is alive when a speech's time runs out announces it. A job that
 * comes early (clocks of the instances drifting) is put back for the time still left.
 */
@Processor(QUEUES.floorTimers, { concurrency: 10 })
export class FloorTimeUpProcessor extends WorkerHost {
  constructor(private readonly floor: FloorService) {
    super();
  }

  async process(job: Job<FloorTimeUpJob>, token?: string): Promise<void> {
    const earlyMs = await this.floor.timeUp(job.data);
    if (earlyMs > 0) {
      await job.moveToDelayed(Date.now() + earlyMs, token);
      throw new DelayedError();
    }
  }
}
