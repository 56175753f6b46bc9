import type { AfterCommit, PanelChange, PanelChanges } from './panel-changes';

export interface BatchOutcome<R> {
  /** One per item, in order: the item's answer, or the error it fails with (the others still commit). */
  results: (R | Error)[];
  /** Runs after commit, in order, before the items are answered (e.g. broadcast the new state). */
  afterCommit?: AfterCommit[];
}
type Work<T, R> = (change: PanelChange, items: T[]) => Promise<BatchOutcome<R>>;
interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * The batched form of a panel change, for bursts of one kind of command (floor requests, questions, votes):
 * commands that arrive while the panel's line is busy are handled together, in arrival order, in one
 * change. A burst of N commands then costs a handful of transactions instead of N, while each command is
 * still checked, written and recorded (with its own version, when it takes one) on its own.
 */
export class PanelBatch<T, R> {
  private readonly waiting = new Map<string, Waiting<T, R>[]>();

  constructor(
    private readonly changes: Pick<PanelChanges, 'commit' | 'afterCommit'>,
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
      // Each entry names its own actor: the change itself has none.
      const outcome = await this.changes.commit(panelId, null, (change) => {
        batch = this.take(panelId);
        return this.work(
          change,
          batch.map((w) => w.item),
        );
      });
      await this.changes.afterCommit(panelId, outcome.afterCommit);
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
