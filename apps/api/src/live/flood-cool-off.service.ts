import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { LIVE_FLOOD_COOL_OFF_MS } from '@rostrum/contracts';
import { withTimeout } from '../common/with-timeout';
import { REDIS } from '../redis/redis.module';

/** How long a handshake waits for Redis's word before letting the user in. */
const SHARED_CHECK_TIMEOUT_MS = 250;

/**
 * Signed-in users cut off for flooding, kept out of every API instance for the cool-off: behind a load
 * balancer, a bot that reconnects at once lands on whichever instance, and would otherwise get a fresh
 * budget on each. Kept in this instance's memory (asked first: no round trip for the instance that cut the
 * user off) and in Redis, as a key that expires with the cool-off. Without Redis it fails open, to this
 * instance's memory alone: an outage must not keep anyone out.
 */
@Injectable()
export class FloodCoolOffService {
  private readonly log = new Logger(FloodCoolOffService.name);
  private readonly here = new FloodCoolOff(LIVE_FLOOD_COOL_OFF_MS);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  cutOff(userId: string, now: number): void {
    this.here.cutOff(userId, now);
    this.redis
      .set(this.key(userId), '1', 'PX', LIVE_FLOOD_COOL_OFF_MS)
      .catch((err: Error) =>
        this.log.warn({ userId, err: err.message }, 'flood cool-off kept on this instance only'),
      );
  }

  /** Milliseconds before the user may connect again (0: now). Never rejects. */
  async remaining(userId: string, now: number): Promise<number> {
    const here = this.here.remaining(userId, now);
    if (here > 0) return here;
    try {
      const ttl = await withTimeout(
        this.redis.pttl(this.key(userId)),
        SHARED_CHECK_TIMEOUT_MS,
        'cool-off check',
      );
      return Math.max(0, ttl); // -2: no such key, -1: no expiry (never set so)
    } catch {
      return 0; // Redis away or slow: let them in (the per-connection limit still applies)
    }
  }

  private key(userId: string): string {
    return `${this.config.redisPrefix}:flood-cool-off:${userId}`;
  }
}

/**
 * Who was cut off for flooding, and until when they may not connect again: the per-connection budget alone
 * would let a client that reconnects at once have 20 commands through per connection, as fast as it can
 * connect.
 */
export class FloodCoolOff {
  private readonly until = new Map<string, number>();

  constructor(private readonly coolOffMs: number) {}

  cutOff(key: string, now: number): void {
    for (const [k, until] of this.until) if (until <= now) this.until.delete(k); // the last seconds' floods only
    this.until.set(key, now + this.coolOffMs);
  }

  /** Milliseconds before `key` may connect again (0: now). */
  remaining(key: string, now: number): number {
    const until = this.until.get(key);
    if (until === undefined) return 0;
    if (until > now) return until - now;
    this.until.delete(key);
    return 0;
  }
}
