import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { LivePublisher } from '../live/live-publisher';
import { REDIS } from '../redis/redis.module';
import { votesRoom } from './qa-rules';

/** The contract's limit: at most one `qa:votes` per panel every 500 ms, over all API instances. */
export const VOTES_EVERY_MS = 500;
/** A flush holds the panel's window at most this long (an instance that dies mid-flush frees it by then). */
const FLUSH_HOLD_MS = 5000;
const RETRY_MS = 1000;
/** How often to look again while another instance is flushing (its window then shrinks to 500 ms). */
const FLUSHING_POLL_MS = 50;

/** After a flush's broadcast: the window stays closed 500 ms more (if it is still this flush's). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
/** Forgets the changes a flush sent, keeping any marked since (their count is higher than what was taken). */
const FORGET = `
for i = 1, #ARGV, 2 do
  if redis.call('HINCRBY', KEYS[1], ARGV[i], -tonumber(ARGV[i + 1])) <= 0 then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return redis.call('HLEN', KEYS[1])
`;

/**
 * `qa:votes`, coalesced per panel over every API instance. A committed vote marks its question changed in a
 * Redis hash per panel; whoever holds the panel's window (a Redis key taken with NX) reads the marked
 * questions' counts from PostgreSQL — the truth, after the commits that marked them — and broadcasts them
 * all in one event. The window is held during the flush and for 500 ms after its broadcast, so two
 * broadcasts of a panel are always at least 500 ms apart. Marks are removed only after their broadcast
 * (by count, so a vote marked meanwhile stays marked): a flush that dies leaves them for the next one.
 */
@Injectable()
export class QaVotesBroadcaster implements OnApplicationShutdown {
  private readonly log = new Logger(QaVotesBroadcaster.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly publisher: LivePublisher,
  ) {}

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Vote counts of these questions changed (committed): they go out in the panel's next `qa:votes`. */
  async changed(panelId: string, questionIds: string[]): Promise<void> {
    if (questionIds.length === 0) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const id of questionIds) pipeline.hincrby(this.key(panelId, 'changed'), id, 1);
      pipeline.pexpire(this.key(panelId, 'changed'), 10 * 60_000);
      await pipeline.exec();
      this.schedule(panelId, 0);
    } catch (err) {
      // The counts are committed; clients see them on their next panel:join.
      this.log.warn(`qa:votes not scheduled for panel ${panelId}: ${(err as Error).message}`);
    }
  }

  private schedule(panelId: string, delayMs: number): void {
    if (this.stopped || this.timers.has(panelId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(panelId);
      void this.flush(panelId);
    }, delayMs);
    timer.unref();
    this.timers.set(panelId, timer);
  }

  private async flush(panelId: string): Promise<void> {
    const token = randomUUID();
    try {
      const took = await this.redis.set(this.key(panelId, 'window'), token, 'PX', FLUSH_HOLD_MS, 'NX');
      if (took !== 'OK') {
        // Another flush is on (look again soon), or in its 500 ms after: try again when the window opens.
        const left = await this.redis.pttl(this.key(panelId, 'window'));
        return this.schedule(panelId, left > VOTES_EVERY_MS ? FLUSHING_POLL_MS : Math.max(left, 10));
      }
      let remaining = 0;
      try {
        remaining = await this.broadcast(panelId);
      } finally {
        await this.redis.eval(RELEASE, 1, this.key(panelId, 'window'), token, VOTES_EVERY_MS);
      }
      if (remaining > 0) this.schedule(panelId, VOTES_EVERY_MS);
    } catch (err) {
      this.log.warn(`qa:votes for panel ${panelId} failed (retrying): ${(err as Error).message}`);
      this.schedule(panelId, RETRY_MS);
    }
  }

  /** Sends the marked questions' counts; answers how many questions are still marked after. */
  private async broadcast(panelId: string): Promise<number> {
    const marked = await this.redis.hgetall(this.key(panelId, 'changed'));
    const ids = Object.keys(marked);
    if (ids.length === 0) return 0;
    const rows: { id: string; votes: number; publicQa: boolean | null }[] = await this.db.query(
      `SELECT q.id, q.votes, (p.settings ->> 'publicQa')::boolean AS "publicQa"
       FROM questions q JOIN panels p ON p.id = q.panel_id
       WHERE q.panel_id = $1 AND q.id = ANY($2::uuid[]) AND q.status IN ('approved', 'answered')`,
      [panelId, ids],
    );
    if (rows.length > 0) {
      const votes = Object.fromEntries(rows.map((r) => [r.id, r.votes]));
      this.publisher
        .toRooms([votesRoom(panelId, rows[0].publicQa ?? true)])
        .emit('qa:votes', { panelId, votes });
    }
    const sent = Object.entries(marked).flat();
    return Number(await this.redis.eval(FORGET, 1, this.key(panelId, 'changed'), ...sent));
  }

  private key(panelId: string, part: 'changed' | 'window'): string {
    return `${this.config.redisPrefix}:qa:votes:${panelId}:${part}`;
  }
}
