import { PanelBatch } from './panel-batch';
import { AfterCommit, KeyedMutex, PanelChange, PanelChanges } from './panel-changes';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stands in for the change path: one at a time per panel, no database; `missing` panels fail like NOT_FOUND. */
function fakeLocks(missing = new Set<string>()): Pick<PanelChanges, 'commit' | 'afterCommit'> {
  const line = new KeyedMutex();
  return {
    commit: <T>(panelId: string, _actor: unknown, work: (change: PanelChange) => Promise<T>) =>
      line.run(panelId, async () => {
        if (missing.has(panelId)) throw new Error('Panel not found');
        return work({ panel: { id: panelId } } as PanelChange);
      }),
    afterCommit: async (_panelId: string, steps: AfterCommit[] = []) => {
      for (const step of steps) await step();
    },
  };
}

describe('panel batch', () => {
  it('should handle the commands that arrive while the panel is busy in one batch, in order', async () => {
    const batches: number[][] = [];
    const sut = new PanelBatch<number, number>(fakeLocks(), async (_change, items) => {
      batches.push(items);
      await tick(20);
      return { results: items.map((n) => n * 10) };
    });
    const first = sut.submit('p', 1);
    await tick(5);
    const rest = [2, 3, 4].map((n) => sut.submit('p', n));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('should fail only the commands whose result is an error', async () => {
    const sut = new PanelBatch<number, number>(fakeLocks(), async (_change, items) => ({
      results: items.map((n) => (n % 2 ? n : new Error(`even ${n}`))),
    }));
    const answers = await Promise.allSettled([1, 2, 3].map((n) => sut.submit('p', n)));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('should run after-commit work before answering', async () => {
    const events: string[] = [];
    const sut = new PanelBatch<number, number>(fakeLocks(), async (_change, items) => ({
      results: items,
      afterCommit: [() => events.push('after commit')],
    }));
    await sut.submit('p', 1).then(() => events.push('answered'));
    expect(events).toEqual(['after commit', 'answered']);
  });

  it('should fail every waiting command when the panel cannot be locked', async () => {
    const sut = new PanelBatch<number, number>(fakeLocks(new Set(['gone'])), async (_change, items) => ({
      results: items,
    }));
    const answers = await Promise.allSettled([sut.submit('gone', 1), sut.submit('gone', 2)]);
    expect(answers.every((a) => a.status === 'rejected')).toBe(true);
    await expect(sut.submit('gone', 3)).rejects.toThrow('Panel not found');
  });

  it('should split a batch larger than the maximum into several', async () => {
    const sizes: number[] = [];
    const sut = new PanelBatch<number, number>(
      fakeLocks(),
      async (_change, items) => {
        sizes.push(items.length);
        return { results: items };
      },
      2,
    );
    await Promise.all([1, 2, 3, 4, 5].map((n) => sut.submit('p', n)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
