import { CommandQueue } from './command-queue';

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
});
