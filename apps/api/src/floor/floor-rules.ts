import { InteractionWindow, InterventionKind, PanelSettings, PanelStatus } from '@rostrum/contracts';
import type { FloorClock } from '@rostrum/contracts';
import type { InterventionRow } from './floor-store';

/**
 * The floor's rules as pure functions: who goes where in the queue, how long each kind may speak, how long
 * a delegate will wait, and how much of the interaction window is left.
 */

/** The default speaking time of a kind, from the panel's settings. */
export function allottedSecondsFor(kind: InterventionKind, settings: PanelSettings): number {
  switch (kind) {
    case 'point_of_order':
      return settings.pointOfOrderSeconds;
    case 'right_of_reply':
      return settings.rightOfReplySeconds;
    case 'group_statement':
      return settings.groupStatementSeconds;
    default:
      return settings.speakingSeconds;
  }
}

/**
 * The two sorts of request a delegate may each have one of open at a time: a point of order, and any other.
 * (The schema's partial unique indexes on interventions say the same.)
 */
export type RequestSort = 'point_of_order' | 'other';
export function requestSort(kind: InterventionKind): RequestSort {
  return kind === 'point_of_order' ? 'point_of_order' : 'other';
}

/**
 * Where a new request goes in the waiting queue (0-based). Points of order go ahead of every other waiting
 * request, first-come among themselves: after the points of order already at the head of the queue. Anything
 * else goes to the end. (A point of order the moderator moved further down stays where they put it.)
 */
export function insertionIndex(queue: readonly { kind: InterventionKind }[], kind: InterventionKind): number {
  if (kind !== 'point_of_order') return queue.length;
  let index = 0;
  while (index < queue.length && queue[index].kind === 'point_of_order') index += 1;
  return index;
}

/** The queue order after moving one request to `toIndex` (clamped to the queue). */
export function moveInOrder(ids: readonly string[], id: string, toIndex: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const rest = ids.filter((other) => other !== id);
  const to = Math.max(0, Math.min(toIndex, rest.length));
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fewer finished speeches than this say too little of the panel: the factor stays 1 until then. */
export const FACTOR_MIN_SPEECHES = 3;
/** The factor's bounds: a few very short (or very long) speeches must not make every wait absurd. */
export const FACTOR_BOUNDS = { min: 0.5, max: 1.5 } as const;

/**
 * How much of its allotted time a speech of this panel actually takes: the median of spoken ÷ allotted over
 * the panel's finished speeches, once at least 3 have finished (1 before), clamped to [0.5, 1.5]. As a
 * ratio it corrects every kind alike (a point of order is not expected to last as long as a statement).
 */
export function speechLengthFactor(finished: readonly { spokenSeconds: number; allottedSeconds: number }[]) {
  const ratios = finished
    .filter((s) => s.allottedSeconds > 0 && s.spokenSeconds >= 0)
    .map((s) => s.spokenSeconds / s.allottedSeconds);
  if (ratios.length < FACTOR_MIN_SPEECHES) return 1;
  return Math.min(FACTOR_BOUNDS.max, Math.max(FACTOR_BOUNDS.min, median(ratios)!));
}

/**
 * Estimated wait of each waiting request, in queue order: what is left of the current speech (never less
 * than nothing) plus the allotted times of those ahead, each corrected by the panel's speech-length factor.
 * The speaker's clock is not corrected: it is known, and clients count it down second by second from the
 * snapshot's `serverTime` without a factor of their own.
 */
export function estimatedWaits(
  queueAllotted: readonly number[],
  speakerRemainingSeconds: number | null,
  factor: number,
): number[] {
  let aheadAllotted = 0;
  return queueAllotted.map((allotted) => {
    const wait = waitSeconds(speakerRemainingSeconds, aheadAllotted, factor);
    aheadAllotted += allotted;
    return wait;
  });
}

/** One request's estimated wait, from the allotted times of those ahead of it (see `estimatedWaits`). */
function waitSeconds(speakerRemainingSeconds: number | null, aheadAllotted: number, factor: number) {
  return Math.round(Math.max(0, speakerRemainingSeconds ?? 0) + aheadAllotted * factor);
}

export interface WindowInput {
  windowSeconds: number | null;
  status: PanelStatus;
  startedAt: Date | null;
  /** What is left of the current speech (0 when none or in overtime). */
  speakerRemainingSeconds: number;
  /** Allotted times of the waiting requests. */
  queueAllotted: readonly number[];
}

/**
 * The delegate-interaction window: how much of it is left (it runs from the moment the panel goes live),
 * how long the current speech and the queue take at their allotted times, and by how much that overruns it.
 */
export function interactionWindow(input: WindowInput, now: Date): InteractionWindow | null {
  if (input.windowSeconds === null) return null;
  let remaining = input.windowSeconds;
  if (input.status === 'ended') remaining = 0;
  else if (input.status === 'live' && input.startedAt) {
    remaining = Math.max(0, input.windowSeconds - (now.getTime() - input.startedAt.getTime()) / 1000);
  }
  const queued =
    Math.max(0, input.speakerRemainingSeconds) + input.queueAllotted.reduce((sum, s) => sum + s, 0);
  return {
    remainingSeconds: Math.round(remaining),
    queuedSeconds: Math.round(queued),
    overrunSeconds: Math.max(0, Math.round(queued - remaining)),
  };
}

/** Why a speech ended when a moderator ends it: cut off with time left, ended once it is up. */
export function moderatorEndReason(remainingSeconds: number): 'cut_off' | 'ended' {
  return remainingSeconds > 0 ? 'cut_off' : 'ended';
}

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
