/*
 * How a connection's commands are let in: at most so many a second (CommandRateLimiter, and the cool-off
 * for a client cut off for flooding), then one at a time in arrival order (CommandQueue).
 */

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

interface Waiting {
  start: () => void;
  refuse: () => void;
  since: number;
}

/**
 * A connection's commands, one at a time in arrival order. One client then holds at most one of the
 * database pool's connections however many commands it sends at once, and the commands still waiting when
 * it is cut off for flooding never run. At most `maxWaiting` wait; beyond, `enter` refuses. A command whose
 * turn comes after more than `maxWaitMs` is refused instead of run: behind commands that each waited out a
 * silent database, its own database work could take as long again, and a line must not become a hang.
 */
export class CommandQueue {
  private busy = false;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly maxWaiting: number,
    private readonly maxWaitMs = Infinity,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts the command now, or once those before it are done; false (not queued) when the line is full. */
  enter(start: () => void, refuse: () => void = () => undefined): boolean {
    if (!this.busy) {
      this.busy = true;
      start();
      return true;
    }
    if (this.waiting.length >= this.maxWaiting) return false;
    this.waiting.push({ start, refuse, since: this.now() });
    return true;
  }

  /** The running command is done: the next one starts (those that waited too long are refused). */
  done(): void {
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      if (this.now() - next.since <= this.maxWaitMs) return next.start();
      next.refuse();
    }
    this.busy = false;
  }
}
