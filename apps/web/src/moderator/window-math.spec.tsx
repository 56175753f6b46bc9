import { runningClock, snapshot } from '../test-support/fixtures';
import { windowAt } from './window-math';

const at = Date.parse('2026-11-04T10:00:00.000Z');
const base = (change = {}) =>
  snapshot('panel-1', {
    status: 'live',
    serverTime: new Date(at).toISOString(),
    window: { remainingSeconds: 600, queuedSeconds: 400, overrunSeconds: 0 },
    ...change,
  });

describe('windowAt', () => {
  it('should count the window down from the snapshot while the panel is live', () => {
    expect(windowAt(base(), at + 90_000)).toEqual({
      remainingSeconds: 510,
      queuedSeconds: 400,
      overrunSeconds: 0,
    });
  });

  it('should count a running speaker down from what the queue needs, not past their time', () => {
    const s = base({ clock: { ...runningClock(180, 0), remainingSeconds: 60 } });
    expect(windowAt(s, at + 30_000)?.queuedSeconds).toBe(370);
    expect(windowAt(s, at + 300_000)?.queuedSeconds).toBe(340);
  });

  it('should show the overrun growing once the window runs short, and never a negative window', () => {
    const s = base({ window: { remainingSeconds: 100, queuedSeconds: 400, overrunSeconds: 300 } });
    expect(windowAt(s, at + 200_000)).toEqual({
      remainingSeconds: 0,
      queuedSeconds: 400,
      overrunSeconds: 400,
    });
  });

  it('should keep the figures of a panel that is not live', () => {
    const s = base({ status: 'ended', window: { remainingSeconds: 0, queuedSeconds: 0, overrunSeconds: 0 } });
    expect(windowAt(s, at + 60_000)).toEqual(s.window);
  });
});
