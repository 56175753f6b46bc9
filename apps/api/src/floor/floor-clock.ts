import { FloorClock } from '@rostrum/contracts';
import type { InterventionRow } from './floor-store';

/**
 * The speaker's clock is data, not a running timer: any instance can tell the time left from these four
 * fields and its own clock. All functions here are pure; `now` is always passed in.
 */
export interface ClockState {
  startedAt: Date;
  /** Allotted time, extensions included. */
  allottedSeconds: number;
  /** Paused time already accumulated (a pause in progress not included). */
  pausedSeconds: number;
  pausedAt: Date | null;
}

/** Speaking time so far: wall time since the start, less every pause (the one in progress included). */
export function elapsedSeconds(clock: ClockState, now: Date): number {
  const until = clock.pausedAt ?? now;
  return Math.max(0, (until.getTime() - clock.startedAt.getTime()) / 1000 - clock.pausedSeconds);
}

/** Time left; negative in overtime. */
export function remainingSeconds(clock: ClockState, now: Date): number {
  return clock.allottedSeconds - elapsedSeconds(clock, now);
}

export function pauseClock(clock: ClockState, now: Date): ClockState {
  return clock.pausedAt ? clock : { ...clock, pausedAt: now };
}

export function resumeClock(clock: ClockState, now: Date): ClockState {
  if (!clock.pausedAt) return clock;
  const paused = Math.max(0, (now.getTime() - clock.pausedAt.getTime()) / 1000);
  return { ...clock, pausedAt: null, pausedSeconds: clock.pausedSeconds + paused };
}

export function extendClock(clock: ClockState, seconds: number): ClockState {
  return { ...clock, allottedSeconds: clock.allottedSeconds + seconds };
}

/** When the allotted time runs out, or null while paused (the time-up is rescheduled on resume). */
export function timeUpAt(clock: ClockState): Date | null {
  if (clock.pausedAt) return null;
  return new Date(clock.startedAt.getTime() + (clock.pausedSeconds + clock.allottedSeconds) * 1000);
}

/**
 * Names one clock state of one speech. Allotted time and paused time only ever grow, so a key never comes
 * back: a time-up job scheduled for an older state finds another key and does nothing.
 * BullMQ job ids may not contain ':', hence the dashes.
 */
export function clockKey(interventionId: string, clock: ClockState): string {
  return `${interventionId}-${clock.allottedSeconds}-${Math.round(clock.pausedSeconds * 1000)}`;
}

/** The clock as clients get it; they count down locally from `startedAt` and the snapshot's `serverTime`. */
export function toFloorClock(clock: ClockState, now: Date): FloorClock {
  return {
    allottedSeconds: clock.allottedSeconds,
    startedAt: clock.startedAt.toISOString(),
    pausedAt: clock.pausedAt ? clock.pausedAt.toISOString() : null,
    pausedSeconds: round1(clock.pausedSeconds),
    remainingSeconds: round1(remainingSeconds(clock, now)),
  };
}

/** One decimal, and never "-0". */
export function round1(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded;
}

/** The clock of a speech, as its row stores it (null before it started). */
export function clockOf(row: InterventionRow): ClockState | null {
  if (!row.startedAt || row.allottedSeconds === null) return null;
  return {
    startedAt: row.startedAt,
    allottedSeconds: row.allottedSeconds,
    pausedSeconds: row.pausedSeconds,
    pausedAt: row.pausedAt,
  };
}
