import { EntityManager } from 'typeorm';
import { PanelEntity } from '@rostrum/database';
import { PanelLockService } from './panel-lock.service';

export interface BatchOutcome<R> {
  /** One per item, in order: the item's answer, or the error it fails with (the others still commit). */
  results: (R | Error)[];
  /** Runs after commit, before the items are answered (e.g. broadcast the new state). */
  afterCommit?: () => void;
}
type Work<T, R> = (tx: EntityManager, panel: PanelEntity, items: T[]) => Promise<BatchOutcome<R>>;
interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for one kind of command on a panel: commands that arrive while the panel's line is busy are
 * handled together, in arrival order, in one transaction under its lock. A burst of N commands then costs
 * a handful of transactions instead of N, while each command is still checked, written and logged (with
 * its own version) on its own.
 */
export class PanelBatcher<T, R> {
  private readonly waiting = new Map<string, Waiting<T, R>[]>();

  constructor(
    private readonly locks: PanelLockService,
    private readonly work: Work<T, R>,
    private readonly maxBatch = 500,
  ) {}

  submit(panelId: string, item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      const line = this.waiting.get(panelId);
      if (line) return void line.push({ item, resolve, reject }); // a run is already on its way
      this.waiting.set(panelId, [{ item, resolve, reject }]);
      void this.run(panelId);
    });
  }

  private async run(panelId: string): Promise<void> {
    let batch: Waiting<T, R>[] | null = null;
    try {
      const outcome = await this.locks.run(panelId, (tx, panel) => {
        batch = this.take(panelId);
        return this.work(
          tx,
          panel,
          batch.map((w) => w.item),
        );
      });
      outcome.afterCommit?.();
      outcome.results.forEach((result, i) =>
        result instanceof Error ? batch![i].reject(result) : batch![i].resolve(result),
      );
    } catch (err) {
      // Failed before taking its batch (e.g. no such panel): those waiting fail with it.
      for (const w of batch ?? this.take(panelId)) w.reject(err);
    }
  }

  /** Everything waiting now (up to maxBatch); any rest goes in a run of its own. */
  private take(panelId: string): Waiting<T, R>[] {
    const line = this.waiting.get(panelId) ?? [];
    const batch = line.splice(0, this.maxBatch);
    if (line.length === 0) this.waiting.delete(panelId);
    else void this.run(panelId);
    return batch;
  }
}
