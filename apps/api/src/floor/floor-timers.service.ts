import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { FloorTimeUpJob, JOB_NAMES, QUEUES } from '@rostrum/contracts';
import { clockKey, timeUpAt } from './floor-rules';
import type { TimerRef } from './floor-store';

export const timeUpJobId = (key: string) => `timeup-${key}`;

/**
 * Time-up as BullMQ delayed jobs, one per clock state of a speech (deterministic id: scheduling the same
 * state twice makes one job). Scheduled after commit; a job whose state has moved on finds another clock
 * key and does nothing, so dropping stale jobs here is only tidiness.
 */
@Injectable()
export class FloorTimersService {
  private readonly log = new Logger(FloorTimersService.name);

  constructor(@InjectQueue(QUEUES.floorTimers) private readonly queue: Queue<FloorTimeUpJob>) {}

  /** Drops the jobs of the clocks that moved on, then schedules the new ones. Never throws. */
  async apply(cancel: TimerRef[], schedule: TimerRef[]): Promise<void> {
    const keep = new Set(schedule.map((t) => clockKey(t.interventionId, t.clock)));
    for (const t of cancel) {
      const key = clockKey(t.interventionId, t.clock);
      if (keep.has(key)) continue;
      await this.queue.remove(timeUpJobId(key)).catch((err: Error) => this.warn('drop', key, err));
    }
    for (const t of schedule) await this.ensure(t);
  }

  /** Schedules the time-up of this clock state unless its job exists already (same id). Never throws. */
  async ensure({ panelId, interventionId, clock }: TimerRef): Promise<void> {
    const at = timeUpAt(clock);
    if (!at) return; // paused: scheduled again on resume
    const key = clockKey(interventionId, clock);
    try {
      await this.queue.add(
        JOB_NAMES.floorTimeUp,
        { panelId, interventionId, clockKey: key },
        {
          jobId: timeUpJobId(key),
          delay: Math.max(0, at.getTime() - Date.now()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      );
    } catch (err) {
      // The sweeper fires overdue time-ups that have no job.
      this.warn('schedule', key, err as Error);
    }
  }

  private warn(what: string, key: string, err: Error): void {
    this.log.warn(`could not ${what} time-up job ${key}: ${err.message}`);
  }
}
