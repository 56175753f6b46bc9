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
