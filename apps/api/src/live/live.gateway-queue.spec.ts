import { CommandQueue } from './live.gateway';

describe('command queue', () => {
  it('should run one command at a time, in arrival order', () => {
    const sut = new CommandQueue(10);
    const started: number[] = [];
    for (const n of [1, 2, 3]) sut.enter(() => started.push(n));
    expect(started).toEqual([1]);
    sut.done();
    expect(started).toEqual([1, 2]);
    sut.done();
    sut.done();
    expect(started).toEqual([1, 2, 3]);
    sut.enter(() => started.push(4));
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('should refuse a command when the line is full', () => {
    const sut = new CommandQueue(2);
    expect([1, 2, 3].map(() => sut.enter(() => undefined))).toEqual([true, true, true]);
    expect(sut.enter(() => undefined)).toBe(false);
    sut.done();
    expect(sut.enter(() => undefined)).toBe(true);
  });

  it('should go on past commands that end as they start', () => {
    const sut = new CommandQueue(10);
    const started: number[] = [];
    sut.enter(() => started.push(0));
    for (const n of [1, 2]) sut.enter(() => (started.push(n), sut.done()));
    sut.enter(() => started.push(3));
    sut.done();
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('should refuse, not run, the commands whose turn comes after the longest wait, and go on with the rest', () => {
    let clock = 0;
    const sut = new CommandQueue(10, 10_000, () => clock);
    const events: string[] = [];
    const enter = (n: number) =>
      sut.enter(
        () => events.push(`run ${n}`),
        () => events.push(`refused ${n}`),
      );
    enter(0);
    enter(1);
    enter(2);
    clock = 5_000;
    enter(3);
    clock = 10_001; // the first one took this long (a silent database): 1 and 2 waited too long, 3 did not
    sut.done();
    expect(events).toEqual(['run 0', 'refused 1', 'refused 2', 'run 3']);
    sut.done();
    enter(4);
    expect(events.at(-1)).toBe('run 4');
  });
});
