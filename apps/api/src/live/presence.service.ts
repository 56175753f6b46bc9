import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { PresenceCounts } from '@rostrum/contracts';
import { AppEvents } from '../common/app-events';
import { REDIS } from '../redis/redis.module';
import { LivePublisher } from './live-publisher';
import type { PanelAudience } from './live-socket';

const TICK_MS = 500;
/** The contract's limit: at most one `panel:presence` per panel every 2 s, across all instances. */
const ANNOUNCE_EVERY_MS = 2000;
const HEARTBEAT_MS = 10_000;
/** An instance's counts outlive it by this much at most (it stopped without saying so). */
const ENTRY_TTL_MS = 30_000;

const FIELD: Record<PanelAudience, keyof PresenceCounts> = {
  moderator: 'moderators',
  panelist: 'panelists',
  delegate: 'delegates',
  public: 'public',
};
const zero = (): PresenceCounts => ({ moderators: 0, panelists: 0, delegates: 0, public: 0 });
const isEmpty = (counts: PresenceCounts) => Object.values(counts).every((n) => n === 0);

/**
 * Who is connected to each panel, across every API instance. Each instance counts its own connections in
 * memory and writes them into one Redis hash per panel (a field per instance, with an expiry time, so a
 * crashed instance's counts fade out); one instance at a time — whoever takes a 2-second Redis lock — sums
 * the hash and broadcasts `panel:presence`. Cost: O(instances) per announcement, nothing per connection.
 */
@Injectable()
export class PresenceService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger(PresenceService.name);
  private readonly instanceId = randomUUID();
  private readonly local = new Map<string, PresenceCounts>();
  /** Local counts changed and not yet written to Redis. */
  private readonly unwritten = new Set<string>();
  /** Totals may have changed and were not yet broadcast. */
  private readonly unannounced = new Set<string>();
  /** The last totals read from Redis, per panel. */
  private readonly lastTotals = new Map<string, number>();
  private tickTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private ticking = false;
  /** Set at shutdown: a tick still in flight must not emit through the adapter being closed. */
  private stopping = false;
  /** Redis errors are logged once per outage, not every tick. */
  private failing = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publisher: LivePublisher,
    /** Other ways of following a panel (the LiveKit room) answer `presence:count`. */
    private readonly events: AppEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.tickTimer = setInterval(() => void this.tick(), TICK_MS);
    this.heartbeatTimer = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.tickTimer);
    clearInterval(this.heartbeatTimer);
    const panels = [...this.local.keys()];
    if (panels.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const panelId of panels) pipeline.hdel(this.key(panelId), this.instanceId);
    await pipeline.exec().catch(() => undefined);
  }

  /** About how many clients, on all instances, follow this panel (for sizing broadcasts). */
  audience(panelId: string): number {
    const local = Object.values(this.local.get(panelId) ?? zero()).reduce((a, b) => a + b, 0);
    return Math.max(local, this.lastTotals.get(panelId) ?? 0);
  }

  joined(panelId: string, audience: PanelAudience): void {
    this.adjust(panelId, audience, +1);
  }

  left(panelId: string, audience: PanelAudience): void {
    this.adjust(panelId, audience, -1);
  }

  /** Another source's counts changed: the panel's totals go out at the next tick. */
  changed(panelId: string): void {
    this.unannounced.add(panelId);
  }

  /**
   * The totals over every live instance and other source (`presence:count`), as broadcast; entries of
   * vanished instances are dropped. Per role, presence is the larger of the socket count and each source's:
   * most people watching the webcast also have the page's socket open, so adding would count them twice.
   */
  async totals(panelId: string): Promise<PresenceCounts> {
    const online = (await this.sum(panelId)).online;
    for (const other of await this.events.emit('presence:count', panelId)) {
      for (const field of Object.values(FIELD)) online[field] = Math.max(online[field], other[field]);
    }
    return online;
  }

  private async sum(panelId: string): Promise<{ online: PresenceCounts; dropped: number }> {
    const entries = await this.redis.hgetall(this.key(panelId));
    const now = Date.now();
    const total = zero();
    const stale: string[] = [];
    for (const [instance, value] of Object.entries(entries)) {
      const entry = JSON.parse(value) as PresenceCounts & { expiresAt: number };
      if (entry.expiresAt < now) {
        stale.push(instance);
        continue;
      }
      for (const field of Object.values(FIELD)) total[field] += entry[field];
    }
    if (stale.length) await this.redis.hdel(this.key(panelId), ...stale);
    this.lastTotals.set(
      panelId,
      Object.values(total).reduce((a, b) => a + b, 0),
    );
    return { online: total, dropped: stale.length };
  }

  private adjust(panelId: string, audience: PanelAudience, delta: number): void {
    const counts = this.local.get(panelId) ?? zero();
    counts[FIELD[audience]] = Math.max(0, counts[FIELD[audience]] + delta);
    this.local.set(panelId, counts);
    this.unwritten.add(panelId);
    this.unannounced.add(panelId);
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.write([...this.unwritten]);
      for (const panelId of [...this.unannounced]) await this.announce(panelId);
      if (this.failing) this.log.log('presence updates resumed');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log.warn(`presence not updated (will retry): ${(err as Error).message}`);
      this.failing = true;
    } finally {
      this.ticking = false;
    }
  }

  private async write(panelIds: string[]): Promise<void> {
    if (panelIds.length === 0) return;
    // Unmarked before the round trip, not after: a join or leave while it is in flight marks the panel
    // again and is written at the next tick. (Unmarking after it lost those, and when the last client left
    // meanwhile, left this instance's old count in Redis — counted by everyone for 30 s, kept for 2 min.)
    for (const panelId of panelIds) this.unwritten.delete(panelId);
    const expiresAt = Date.now() + ENTRY_TTL_MS;
    const pipeline = this.redis.pipeline();
    for (const panelId of panelIds) {
      const counts = this.local.get(panelId) ?? zero();
      if (isEmpty(counts)) pipeline.hdel(this.key(panelId), this.instanceId);
      else pipeline.hset(this.key(panelId), this.instanceId, JSON.stringify({ ...counts, expiresAt }));
      pipeline.pexpire(this.key(panelId), ENTRY_TTL_MS * 4);
    }
    try {
      const failed = (await pipeline.exec())?.find(([err]) => err)?.[0];
      if (failed) throw failed;
    } catch (err) {
      for (const panelId of panelIds) this.unwritten.add(panelId);
      throw err;
    }
    for (const panelId of panelIds) {
      const counts = this.local.get(panelId);
      if (counts && isEmpty(counts) && !this.unwritten.has(panelId)) this.local.delete(panelId);
    }
  }

  /** Broadcasts the totals unless some instance did within the last 2 s (then it is tried again later). */
  private async announce(panelId: string): Promise<void> {
    const took = await this.redis.set(`${this.key(panelId)}:announced`, '1', 'PX', ANNOUNCE_EVERY_MS, 'NX');
    if (took !== 'OK') return;
    // Counts that changed during this tick's write are not in Redis yet: announce what is, and again later.
    if (!this.unwritten.has(panelId)) this.unannounced.delete(panelId);
    const online = await this.totals(panelId);
    if (this.stopping) return;
    this.publisher.toPanel(panelId).emit('panel:presence', { panelId, online });
  }

  /** Refreshes this instance's entries before they expire, and notices instances that vanished. */
  private heartbeat(): void {
    const panels = [...this.local.keys()];
    for (const panelId of panels) this.unwritten.add(panelId);
    void Promise.all(
      panels.map(async (panelId) => {
        if ((await this.sum(panelId)).dropped > 0) this.unannounced.add(panelId);
      }),
    ).catch(() => undefined); // a failing Redis is reported by the tick
  }

  private key(panelId: string): string {
    return `${this.config.redisPrefix}:presence:${panelId}`;
  }
}
