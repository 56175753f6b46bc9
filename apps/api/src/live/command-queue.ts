/**
 * A connection's commands, one at a time in arrival order. One client then holds at most one of the
 * database pool's connections however many commands it sends at once, and the commands still waiting when
 * it is cut off for flooding never run. At most `maxWaiting` wait; beyond, `enter` refuses.
 */
export class CommandQueue {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly maxWaiting: number) {}

  /** Starts the command now, or once those before it are done; false (not queued) when the line is full. */
  enter(start: () => void): boolean {
    if (!this.busy) {
      this.busy = true;
      start();
      return true;
    }
    if (this.waiting.length >= this.maxWaiting) return false;
    this.waiting.push(start);
    return true;
  }

  /** The running command is done: the next one starts. */
  done(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}
