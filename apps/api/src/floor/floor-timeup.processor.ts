import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import { FloorTimeUpJob, QUEUES } from '@rostrum/contracts';
import { FloorService } from './floor.service';

/**
 * Runs in every API instance: whichever is alive when a speech's time runs out announces it. A job that
 * comes early (clocks of the instances drifting) is put back for the time still left.
 *
 * drainDelay 1 s: BullMQ wakes one blocked worker (whichever pops the queue's marker) when a delayed job is
 * added; the others learn of it only when their own blocking wait ends, 5 s by default. When the instance
 * that took the marker dies before the job is due, the survivors now look again within a second.
 */
@Processor(QUEUES.floorTimers, { concurrency: 10, drainDelay: 1 })
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
