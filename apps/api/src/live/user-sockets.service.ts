import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { withTimeout } from '../common/with-timeout';
import { REDIS } from '../redis/redis.module';
import { LIVE_LIMITS } from './live-socket';

/** Each instance renews its sockets' entries this often; an entry not renewed for ENTRY_TTL_MS is dropped. */
const RENEW_EVERY_MS = 20_000;
const ENTRY_TTL_MS = 60_000;
const CHECK_TIMEOUT_MS = 250;

/**
 * Takes a place for a new socket when the user holds fewer than the cap (KEYS[1]: the user's set; ARGV: now,
 * the entry's expiry, the cap, the member). Entries of instances that died without saying so lapse first.
 */
const ADMIT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ${ENTRY_TTL_MS})
return 1
`;

/** The script's name on the Redis client: sent by its SHA (EVALSHA) at every handshake, not as text. */
const ADMIT_COMMAND = 'rostrumAdmitSocket';
type AdmitCommand = (
  key: string,
  now: number,
  expiry: number,
  cap: number,
  member: string,
) => Promise<number>;

/**
 * How many sockets each signed-in user holds, across every API instance: a sorted set per user in Redis, one
 * member per socket, scored by when it lapses. Sockets are added at the handshake (refused past the cap),
 * removed at disconnect, and renewed by their instance, so a crashed instance's sockets stop counting within
 * a minute. Without Redis it fails open: an outage must not keep anyone out.
 */
@Injectable()
export class UserSocketsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly instanceId = randomUUID();
  /** This instance's admitted sockets: member → user. */
  private readonly local = new Map<string, string>();
  private renewTimer?: NodeJS.Timeout;

  private readonly admitScript: AdmitCommand;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    redis.defineCommand(ADMIT_COMMAND, { numberOfKeys: 1, lua: ADMIT });
    const command = (redis as unknown as Record<string, AdmitCommand>)[ADMIT_COMMAND];
    this.admitScript = command.bind(redis);
  }

  onApplicationBootstrap(): void {
    this.renewTimer = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.renewTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.renewTimer);
    const pipeline = this.redis.pipeline();
    for (const [member, userId] of this.local) pipeline.zrem(this.key(userId), member);
    this.local.clear();
    await pipeline.exec().catch(() => undefined);
  }

  /** Whether the user may open this socket (false past LIVE_LIMITS.socketsPerUser); counts it if so. */
  async admit(userId: string, socketId: string): Promise<boolean> {
    const member = `${this.instanceId}:${socketId}`;
    const now = Date.now();
    try {
      const admitted = await withTimeout(
        this.admitScript(this.key(userId), now, now + ENTRY_TTL_MS, LIVE_LIMITS.socketsPerUser, member),
        CHECK_TIMEOUT_MS,
        'socket cap',
      );
      if (admitted !== 1) return false;
    } catch {
      // Redis away or slow: let them in (the entry may be missing; it is not renewed then)
    }
    this.local.set(member, userId);
    return true;
  }

  release(userId: string, socketId: string): void {
    const member = `${this.instanceId}:${socketId}`;
    if (!this.local.delete(member)) return;
    this.redis.zrem(this.key(userId), member).catch(() => undefined); // lapses by itself otherwise
  }

  private async renew(): Promise<void> {
    if (this.local.size === 0) return;
    const expiry = Date.now() + ENTRY_TTL_MS;
    const pipeline = this.redis.pipeline();
    for (const [member, userId] of this.local) {
      pipeline.zadd(this.key(userId), 'XX', expiry, member).pexpire(this.key(userId), ENTRY_TTL_MS);
    }
    await pipeline.exec().catch(() => undefined);
  }

  private key(userId: string): string {
    return `${this.config.redisPrefix}:user-sockets:${userId}`;
  }
}
