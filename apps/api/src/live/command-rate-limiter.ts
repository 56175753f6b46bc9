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
