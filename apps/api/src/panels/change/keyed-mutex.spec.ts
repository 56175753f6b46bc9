import { KeyedMutex } from './panel-changes';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keyed mutex', () => {
  it('should run tasks of one key one at a time, in arrival order', async () => {
    const sut = new KeyedMutex();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await tick(ms);
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      sut.run('p', task('a', 20)),
      sut.run('p', task('b', 1)),
      sut.run('p', task('c', 1)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('should run tasks of different keys side by side', async () => {
    const sut = new KeyedMutex();
    const events: string[] = [];
    await Promise.all([
      sut.run('p', async () => {
        events.push('start p');
        await tick(20);
        events.push('end p');
      }),
      sut.run('q', async () => {
        events.push('q');
      }),
    ]);
    expect(events).toEqual(['start p', 'q', 'end p']);
  });

  it('should go on with the next task when one fails', async () => {
    const sut = new KeyedMutex();
    const failed = sut.run('p', () => Promise.reject(new Error('boom')));
    const next = sut.run('p', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
