import {
  ClockState,
  clockKey,
  elapsedSeconds,
  extendClock,
  pauseClock,
  remainingSeconds,
  resumeClock,
  round1,
  timeUpAt,
  toFloorClock,
} from './floor-rules';

const t0 = new Date('2026-11-04T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const running = (allottedSeconds = 180): ClockState => ({
  startedAt: t0,
  allottedSeconds,
  pausedSeconds: 0,
  pausedAt: null,
});

describe('floor clock', () => {
  it('should count down from the allotted time when the clock runs', () => {
    const sut = running(180);
    expect(elapsedSeconds(sut, at(30))).toBe(30);
    expect(remainingSeconds(sut, at(30))).toBe(150);
  });

  it('should go negative in overtime when the allotted time has passed', () => {
    expect(remainingSeconds(running(60), at(75))).toBe(-15);
  });

  it('should stop counting while paused and not count the pause once resumed', () => {
    const paused = pauseClock(running(180), at(40));
    expect(remainingSeconds(paused, at(100))).toBe(140);
    const resumed = resumeClock(paused, at(100));
    expect(resumed).toMatchObject({ pausedAt: null, pausedSeconds: 60 });
    expect(remainingSeconds(resumed, at(110))).toBe(130);
  });

  it('should leave the clock as it is when pausing a paused clock or resuming a running one', () => {
    const paused = pauseClock(running(), at(10));
    expect(pauseClock(paused, at(20))).toBe(paused);
    const sut = running();
    expect(resumeClock(sut, at(20))).toBe(sut);
  });

  it('should add the extension to the allotted time when extended', () => {
    const sut = extendClock(running(60), 30);
    expect(sut.allottedSeconds).toBe(90);
    expect(remainingSeconds(sut, at(70))).toBe(20);
  });

  it('should put time-up after the allotted time plus pauses, and none while paused', () => {
    const resumed = resumeClock(pauseClock(running(60), at(10)), at(25));
    expect(timeUpAt(resumed)).toEqual(at(75));
    expect(timeUpAt(pauseClock(resumed, at(30)))).toBeNull();
  });

  it('should give a new clock key whenever extension or pauses change the time-up, and no ":"', () => {
    const first = running(60);
    const extended = extendClock(first, 30);
    const resumed = resumeClock(pauseClock(first, at(10)), at(12.5));
    const keys = [first, extended, resumed].map((c) => clockKey('iv-1', c));
    expect(new Set(keys).size).toBe(3);
    expect(keys[0]).toBe('iv-1-60-0');
    expect(keys[2]).toBe('iv-1-60-2500');
    expect(keys.join('')).not.toContain(':');
  });

  it('should give clients ISO times and one-decimal seconds when shown', () => {
    const sut = toFloorClock(pauseClock(running(60), at(12.34)), at(20));
    expect(sut).toEqual({
      allottedSeconds: 60,
      startedAt: '2026-11-04T10:00:00.000Z',
      pausedAt: '2026-11-04T10:00:12.340Z',
      pausedSeconds: 0,
      remainingSeconds: 47.7,
    });
  });

  it('should never show minus zero when rounding', () => {
    expect(Object.is(round1(-0.01), 0)).toBe(true);
  });
});
