/**
 * At most `limit` callers inside at once; up to `maxWaiting` more wait in line (first come, first served) for
 * at most `maxWaitMs`. `enter()` resolves with the function that leaves, or null when the line is full or
 * the wait ran out.
 */
export class ConcurrencyGate {
  private inside = 0;
  private readonly line: ((leave: (() => void) | null) => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
  ) {}

  get running(): number {
    return this.inside;
  }

  enter(): Promise<(() => void) | null> {
    if (this.inside < this.limit) {
      this.inside++;
      return Promise.resolve(this.leaver());
    }
    if (this.line.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const at = this.line.indexOf(admit);
        if (at >= 0) this.line.splice(at, 1);
        resolve(null);
      }, this.maxWaitMs);
      const admit = (leave: (() => void) | null) => {
        clearTimeout(timer);
        resolve(leave);
      };
      this.line.push(admit);
    });
  }

  /** Leaving hands the place straight to the next in line, if any. Calling it twice does nothing. */
  private leaver(): () => void {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.line.shift();
      if (next) next(this.leaver());
      else this.inside--;
    };
  }
}
