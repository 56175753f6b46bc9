import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { clockKey } from './floor-clock';
import { FloorService } from './floor.service';

const SWEEP_EVERY_MS = 5000;
/** A job is this late before the sweeper steps in (BullMQ normally fires within milliseconds). */
const GRACE_SECONDS = 2;

/**
 * The safety net under the time-up jobs: a job can be missing (the instance died between commit and
 * scheduling, or Redis lost it). Every few seconds each instance looks for running speeches past their time
 * and not yet announced, and fires their time-up; the lock and `time_up_at` keep it to once.
 */
@Injectable()
export class FloorTimeUpSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(FloorTimeUpSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly floor: FloorService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS + Math.floor(Math.random() * 1000));
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      const overdue: {
        id: string;
        panelId: string;
        startedAt: Date;
        allottedSeconds: number;
        pausedSeconds: number;
      }[] = await this.db.query(
        `SELECT id, panel_id AS "panelId", started_at AS "startedAt", allotted_seconds AS "allottedSeconds",
                paused_seconds AS "pausedSeconds"
         FROM interventions
         WHERE status = 'speaking' AND paused_at IS NULL AND time_up_at IS NULL
           AND started_at + (allotted_seconds + paused_seconds + $1) * interval '1 second' < now()`,
        [GRACE_SECONDS],
      );
      for (const row of overdue) {
        const key = clockKey(row.id, { ...row, pausedAt: null });
        await this.floor.timeUp({ panelId: row.panelId, interventionId: row.id, clockKey: key });
      }
      return overdue.length;
    } catch (err) {
      this.log.warn(`time-up sweep failed: ${(err as Error).message}`);
      return 0;
    }
  }
}
