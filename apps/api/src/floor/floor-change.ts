import { FLOOR_LOG_ACTIONS } from '@rostrum/contracts';
import type { SpeakerChange } from '../common/app-events';
import type { PanelChange } from '../panels/change/panel-changes';
import { ClockState, elapsedSeconds, resumeClock } from './floor-clock';
import type { InterventionRow } from './floor-queries';
import { allottedSecondsFor } from './floor-rules';
import { clockOf } from './floor-snapshot';

export type EndReason = 'ended' | 'yielded' | 'cut_off' | 'time_up' | 'replaced' | 'panel_ended';
export interface SpeakerRef {
  userId: string;
  interventionId: string;
}
export interface TimerRef {
  panelId: string;
  interventionId: string;
  clock: ClockState;
}

/**
 * The floor's writes in a panel change (see PanelChange): speeches and the queue, each speech start and end
 * recorded as the archive expects. It also collects what the floor must do after commit: who gained or
 * lost the floor, and which time-up jobs to schedule or drop.
 */
export class FloorChange {
  granted: SpeakerRef | null = null;
  revoked: SpeakerRef | null = null;
  readonly schedule: TimerRef[] = [];
  readonly cancel: TimerRef[] = [];

  constructor(readonly change: PanelChange) {}

  get tx() {
    return this.change.tx;
  }
  get panel() {
    return this.change.panel;
  }
  get now() {
    return this.change.now;
  }

  requireLive(): void {
    this.change.requireLive();
  }

  /** Ends the current speech: its spoken time excludes pauses; a pause in progress is closed. */
  async endSpeech(row: InterventionRow, reason: EndReason): Promise<void> {
    const clock = clockOf(row);
    const spoken = clock ? elapsedSeconds(clock, this.now) : 0;
    const closed = clock ? resumeClock(clock, this.now) : null;
    await this.tx.query(
      `UPDATE interventions SET status = 'done', ended_at = $2, spoken_seconds = $3, end_reason = $4,
         paused_at = NULL, paused_seconds = $5, queue_position = NULL WHERE id = $1`,
      [row.id, this.now, spoken, reason, closed?.pausedSeconds ?? 0],
    );
    this.log(FLOOR_LOG_ACTIONS.speechEnded, row.id, { reason, spokenSeconds: spoken });
    this.revoked = { userId: row.delegateId, interventionId: row.id };
    if (clock) this.cancel.push({ panelId: row.panelId, interventionId: row.id, clock });
  }

  /** Gives the floor: the clock starts with `seconds`, or the time the kind gets on this panel. */
  async startSpeech(row: InterventionRow, seconds?: number): Promise<ClockState> {
    const clock: ClockState = {
      startedAt: this.now,
      allottedSeconds: seconds ?? allottedSecondsFor(row.kind, this.panel.settings),
      pausedSeconds: 0,
      pausedAt: null,
    };
    await this.tx.query(
      `UPDATE interventions SET status = 'speaking', started_at = $2, allotted_seconds = $3, paused_seconds = 0,
         paused_at = NULL, queue_position = NULL, time_up_at = NULL WHERE id = $1`,
      [row.id, clock.startedAt, clock.allottedSeconds],
    );
    this.log(FLOOR_LOG_ACTIONS.speechStarted, row.id, {
      delegateId: row.delegateId,
      delegateName: row.delegateName,
      delegationId: row.delegationId,
      delegationName: row.delegationName,
      delegationCode: row.delegationCode,
      kind: row.kind,
      allottedSeconds: clock.allottedSeconds,
    });
    this.granted = { userId: row.delegateId, interventionId: row.id };
    this.schedule.push({ panelId: row.panelId, interventionId: row.id, clock });
    return clock;
  }

  /** Pause, resume or extend: writes the new clock and moves the time-up job to match it. */
  async setClock(row: InterventionRow, before: ClockState, after: ClockState, clearTimeUp: boolean) {
    await this.tx.query(
      `UPDATE interventions SET allotted_seconds = $2, paused_seconds = $3, paused_at = $4,
         time_up_at = CASE WHEN $5 THEN NULL ELSE time_up_at END WHERE id = $1`,
      [row.id, after.allottedSeconds, after.pausedSeconds, after.pausedAt, clearTimeUp],
    );
    this.cancel.push({ panelId: row.panelId, interventionId: row.id, clock: before });
    this.schedule.push({ panelId: row.panelId, interventionId: row.id, clock: after });
  }

  /** Takes a waiting request out of the queue (withdrawn by its delegate, removed by a moderator or the panel's end). */
  async leaveQueue(ids: string[], status: 'withdrawn' | 'removed', reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.query(
      `UPDATE interventions SET status = $2, end_reason = $3, ended_at = $4, queue_position = NULL
       WHERE id = ANY($1::uuid[]) AND status = 'queued'`,
      [ids, status, reason, this.now],
    );
  }

  /** The command is done: the panel's next version, and the command's entry with its before/after. */
  record(action: string, interventionId: string | null, detail: Record<string, unknown>): number {
    return this.change.record(action, detail, { interventionId });
  }

  /** An entry that takes no version (speech start/end, a time-up that changes nothing visible). */
  log(action: string, interventionId: string | null, detail: Record<string, unknown>): void {
    this.change.log({ action, interventionId, detail });
  }

  get speakerChange(): SpeakerChange | null {
    if (!this.granted && !this.revoked) return null;
    return { panelId: this.panel.id, granted: this.granted, revoked: this.revoked };
  }
}
