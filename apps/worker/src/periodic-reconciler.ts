import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

const SWEEP_EVERY_MS = 60_000;
/** How long shutdown waits for a sweep under way (one stuck on a Redis outage must not hold it up). */
const SHUTDOWN_WAIT_MS = 5000;

/**
 * The worker's safety nets (archive, mail, transcripts) share their rhythm: a sweep at start and every
 * minute, one at a time (a slow one makes the next tick skip), a failed sweep logged and tried again at the
 * next tick, and a shutdown that waits a little for a sweep under way. Each subclass says what one sweep does.
 */
export abstract class PeriodicReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  /** Named in the log line of a failed sweep ("archive reconcile skipped"). */
  protected abstract readonly subject: string;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  abstract sweep(): Promise<void>;

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([this.sweeping, new Promise((r) => (bound = setTimeout(r, SHUTDOWN_WAIT_MS)))]);
    clearTimeout(bound);
  }

  private tick(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((err: unknown) => this.logger.warn({ err }, `${this.subject} reconcile skipped`))
      .finally(() => (this.sweeping = undefined));
  }
}
