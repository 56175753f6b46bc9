import type { FloorClock } from '@rostrum/contracts';
import { formatDuration } from '../ui/format';

/**
 * The speaker's clock is the server's: clients get startedAt, the allotted time, the paused time and the
 * server's time, and count down locally. `offsetMs` = server time − local time when the snapshot arrived.
 */
export function clockOffsetMs(serverTime: string, receivedAtLocalMs: number): number {
  return Date.parse(serverTime) - receivedAtLocalMs;
}

/** Seconds left (negative in overtime) at the given local time. A paused clock stands still at pausedAt. */
export function remainingSeconds(clock: FloorClock, offsetMs: number, localNowMs: number): number {
  const until = clock.pausedAt ? Date.parse(clock.pausedAt) : localNowMs + offsetMs;
  const elapsed = (until - Date.parse(clock.startedAt)) / 1000 - clock.pausedSeconds;
  return clock.allottedSeconds - elapsed;
}

export type ClockTone = 'normal' | 'warning' | 'overtime';

/** Amber for the last 30 s (or the last quarter of a short allotment), red once the time is up. */
export function clockTone(remaining: number, allottedSeconds: number): ClockTone {
  if (remaining <= 0) return 'overtime';
  return remaining <= warningSeconds(allottedSeconds) ? 'warning' : 'normal';
}

export const warningSeconds = (allottedSeconds: number) => Math.min(30, Math.max(5, allottedSeconds / 4));

/** Whole seconds as the clock shows them: 0:01 until the very end, then −0:01, −0:02… in overtime. */
export function clockText(remaining: number): string {
  const whole = Math.ceil(remaining - 1e-9);
  return formatDuration(whole === 0 ? 0 : whole);
}
