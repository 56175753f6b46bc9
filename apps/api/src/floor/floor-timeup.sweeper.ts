import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClockState, clockKey, timeUpAt } from './floor-rules';
import { FloorTimersService } from './floor-timers.service';
import { FloorService } from './floor.service';

/**
 * With the grace below: a speech whose job is gone or stuck (taken by an instance that then died: BullMQ
 * hands such a job on only after its 30 s lock) is announced at most 2 + 3 s late.
 */
const SWEEP_EVERY_MS = 2000;
/** How late a time-up may be before the sweeper fires it itself (a job normally fires within milliseconds). */
const GRACE_MS = 2000;

/**
 * The safety net under the time-up jobs, which can go missing: an instance that died between commit and
 * scheduling, or a Redis that restarted without its data. Every few seconds each instance looks at the
 * running speeches not yet timed up: it makes sure each has its job (same id: a no-op when it exists), and
 * fires the time-up itself of any speech well past its time. The panel lock and `time_up_at` keep it once.
 */
@Injectable()
export class FloorTimeUpSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(FloorTimeUpSweeper.name);
  private timer?: NodeJS.Timeout;
  /** One sweep at a time: with Redis away, ensuring a job waits for it to come back. */
  private sweeping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly floor: FloorService,
    private readonly timers: FloorTimersService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS + Math.floor(Math.random() * 1000));
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many overdue time-ups it fired. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const running: (ClockState & { id: string; panelId: string })[] = await this.db.query(
        `SELECT id, panel_id AS "panelId", started_at AS "startedAt", allotted_seconds AS "allottedSeconds",
                paused_seconds AS "pausedSeconds", paused_at AS "pausedAt"
         FROM interventions WHERE status = 'speaking' AND paused_at IS NULL AND time_up_at IS NULL`,
      );
      let fired = 0;
      for (const speech of running) {
        const ref = { panelId: speech.panelId, interventionId: speech.id, clock: speech };
        if (Date.now() - timeUpAt(speech)!.getTime() < GRACE_MS) {
          await this.timers.ensure(ref);
          continue;
        }
        await this.floor.timeUp({ ...ref, clockKey: clockKey(speech.id, speech) });
        fired += 1;
      }
      return fired;
    } catch (err) {
      this.log.warn(`time-up sweep failed: ${(err as Error).message}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
