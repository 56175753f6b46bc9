import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { PresenceService } from '../live/presence.service';
import { REDIS } from '../redis/redis.module';

/** Each instance looks this many times per interval, so a sample lands early in its interval. */
const LOOKS_PER_INTERVAL = 4;

/**
 * Samples the attendance of every live panel once per interval (ATTENDANCE_SAMPLE_MS, a minute by default)
 * from presence, which already sums every instance's connections. Every instance looks a few times per
 * interval; the first to take the interval's Redis key (SET NX) samples all live panels, the others do
 * nothing. The table's key (panel, interval start) is the last word: a sample written twice — a Redis
 * failover, a slow instance — stays one row.
 */
@Injectable()
export class AttendanceSampler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(AttendanceSampler.name);
  private timer?: NodeJS.Timeout;
  private running = false;
  /** Errors are logged once per outage, not every look. */
  private failing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly presence: PresenceService,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.max(250, Math.floor(this.config.attendanceSampleMs / LOOKS_PER_INTERVAL));
    this.timer = setInterval(() => void this.look(), every);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Samples the current interval unless another instance (or this one) already did. */
  async look(now = Date.now()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const interval = this.config.attendanceSampleMs;
      const start = Math.floor(now / interval) * interval;
      const key = `${this.config.redisPrefix}:attendance:${start}`;
      const took = await this.redis.set(key, '1', 'PX', interval * 2, 'NX');
      if (took === 'OK') await this.sampleLivePanels(new Date(start));
      if (this.failing) this.log.log('attendance sampling resumed');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log.warn(`attendance not sampled (will retry): ${(err as Error).message}`);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }

  private async sampleLivePanels(minute: Date): Promise<void> {
    const live: { id: string }[] = await this.db.query(`SELECT id FROM panels WHERE status = 'live'`);
    if (live.length === 0) return;
    const rows = await Promise.all(
      live.map(async ({ id }) => ({ id, counts: await this.presence.totals(id) })),
    );
    await this.db.query(
      `INSERT INTO attendance_samples (panel_id, minute, moderators, panelists, delegates, public)
       SELECT unnest($1::uuid[]), $2::timestamptz, unnest($3::int[]), unnest($4::int[]), unnest($5::int[]),
              unnest($6::int[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.id),
        minute.toISOString(),
        rows.map((r) => r.counts.moderators),
        rows.map((r) => r.counts.panelists),
        rows.map((r) => r.counts.delegates),
        rows.map((r) => r.counts.public),
      ],
    );
  }
}
