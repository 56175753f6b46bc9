export type RateVerdict = 'ok' | 'limited' | 'disconnect';

/**
 * Per-connection command budget in fixed one-second windows. Over the limit a command is refused; a client
 * that goes on — twice the limit within one window, or over it in several windows running — is cut off.
 */
export class CommandRateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;
  /** Windows in a row, just before the current one, in which the client went over the limit. */
  private strikes = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
    private readonly maxStrikes = 2,
  ) {}

  take(now: number): RateVerdict {
    if (now - this.windowStart >= this.windowMs) {
      const previousWasLast = now - this.windowStart < 2 * this.windowMs;
      this.strikes = previousWasLast && this.count > this.limit ? this.strikes + 1 : 0;
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    if (this.count <= this.limit) return 'ok';
    if (this.count > 2 * this.limit || this.strikes >= this.maxStrikes) return 'disconnect';
    return 'limited';
  }
}

/**
 * One command budget per key (a signed-in user) shared by all its holders (the user's sockets on this
 * instance): a user who spreads commands over several sockets is limited as one. Dropped with the last holder.
 */
export class SharedRateLimiters {
  private readonly byKey = new Map<string, { limiter: CommandRateLimiter; holders: number }>();

  constructor(private readonly create: () => CommandRateLimiter) {}

  acquire(key: string): CommandRateLimiter {
    const entry = this.byKey.get(key) ?? { limiter: this.create(), holders: 0 };
    entry.holders += 1;
    this.byKey.set(key, entry);
    return entry.limiter;
  }

  release(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    entry.holders -= 1;
    if (entry.holders <= 0) this.byKey.delete(key);
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
