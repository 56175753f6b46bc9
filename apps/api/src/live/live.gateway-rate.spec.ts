import { CommandRateLimiter } from './live.gateway';

describe('command rate limiter', () => {
  const fire = (sut: CommandRateLimiter, count: number, at: number) =>
    Array.from({ length: count }, () => sut.take(at));

  it('should let 20 commands a second through', () => {
    const sut = new CommandRateLimiter(20);
    expect(fire(sut, 20, 0).every((v) => v === 'ok')).toBe(true);
    expect(fire(sut, 20, 1000).every((v) => v === 'ok')).toBe(true);
  });

  it('should refuse commands over the limit within the second', () => {
    const sut = new CommandRateLimiter(20);
    fire(sut, 20, 0);
    expect(sut.take(500)).toBe('limited');
    expect(sut.take(1000)).toBe('ok');
  });

  it('should disconnect a client sending twice the limit within one second', () => {
    const sut = new CommandRateLimiter(20);
    const verdicts = fire(sut, 41, 0);
    expect(verdicts.slice(20, 40).every((v) => v === 'limited')).toBe(true);
    expect(verdicts[40]).toBe('disconnect');
  });

  it('should disconnect a client over the limit for three seconds running', () => {
    const sut = new CommandRateLimiter(20);
    fire(sut, 25, 0);
    fire(sut, 25, 1000);
    expect(fire(sut, 21, 2000).at(-1)).toBe('disconnect');
  });

  it('should forgive a second over the limit after a quiet second', () => {
    const sut = new CommandRateLimiter(20);
    fire(sut, 25, 0);
    fire(sut, 25, 1000);
    expect(fire(sut, 25, 3500).at(-1)).toBe('limited');
  });
});
