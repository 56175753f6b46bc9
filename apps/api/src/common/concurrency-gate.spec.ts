import { ConcurrencyGate } from './concurrency-gate';

describe('ConcurrencyGate', () => {
  it('should let `limit` in, queue the next in order, and hand each place on when one leaves', async () => {
    const sut = new ConcurrencyGate(2, 10, 10_000);
    const a = (await sut.enter())!;
    await sut.enter();
    const order: string[] = [];
    const c = sut.enter().then((leave) => (order.push('c'), leave));
    const d = sut.enter().then((leave) => (order.push('d'), leave));
    expect(sut.running).toBe(2);
    a();
    a(); // leaving twice frees one place only
    await c;
    expect(order).toEqual(['c']);
    expect(sut.running).toBe(2);
    (await c)!();
    await d;
    expect(order).toEqual(['c', 'd']);
  });

  it('should turn away a caller when the line is full, or after waiting too long', async () => {
    const sut = new ConcurrencyGate(1, 1, 50);
    await sut.enter();
    const waiting = sut.enter();
    expect(await sut.enter()).toBeNull(); // the line is full
    expect(await waiting).toBeNull(); // waited 50 ms
    expect(sut.running).toBe(1);
  });
});
