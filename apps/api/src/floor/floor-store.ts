import { EntityManager } from 'typeorm';
import { DelegationKind, FLOOR_LOG_ACTIONS, InterventionKind, InterventionStatus } from '@rostrum/contracts';
import type { SpeakerChange } from '../common/app-events';
import type { PanelChange } from '../panels/change/panel-changes';
import { allottedSecondsFor, ClockState, clockOf, elapsedSeconds, resumeClock } from './floor-rules';
import { inscriptionOpen } from './speakers-list-rules';

/**
 * Every SQL statement of the floor: the reads (the speaker and the queue, a request by id, the queue state
 * the positions and waits come from) and the writes, most of them in `FloorChange`. A floor command runs
 * while holding the panel's lock, so every round trip here is time the next command waits.
 */
export interface InterventionRow {
  id: string;
  panelId: string;
  kind: InterventionKind;
  note: string | null;
  status: InterventionStatus;
  queuePosition: number | null;
  clientRequestId: string | null;
  requestedAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  allottedSeconds: number | null;
  pausedSeconds: number;
  pausedAt: Date | null;
  spokenSeconds: number | null;
  timeUpAt: Date | null;
  delegateId: string;
  delegateName: string;
  delegationId: string | null;
  delegationName: string | null;
  delegationCode: string | null;
  delegationKind: DelegationKind | null;
  onBehalfOf: string | null;
  replyToId: string | null;
  replyToDelegationId: string | null;
  replyToDelegationName: string | null;
  replyToDelegationCode: string | null;
  replyToDelegationKind: DelegationKind | null;
  ready: boolean;
  placedByModerator: boolean;
}

const COLUMNS = `
  i.id, i.panel_id AS "panelId", i.kind, i.note, i.status, i.queue_position AS "queuePosition",
  i.client_request_id AS "clientRequestId", i.requested_at AS "requestedAt", i.started_at AS "startedAt",
  i.ended_at AS "endedAt", i.allotted_seconds AS "allottedSeconds", i.paused_seconds AS "pausedSeconds",
  i.paused_at AS "pausedAt", i.spoken_seconds AS "spokenSeconds", i.time_up_at AS "timeUpAt",
  i.delegate_id AS "delegateId", u.name AS "delegateName", i.delegation_id AS "delegationId",
  d.name AS "delegationName", d.code AS "delegationCode", d.kind AS "delegationKind",
  i.on_behalf_of AS "onBehalfOf", i.reply_to_id AS "replyToId", r.delegation_id AS "replyToDelegationId",
  rd.name AS "replyToDelegationName", rd.code AS "replyToDelegationCode", rd.kind AS "replyToDelegationKind",
  i.ready, i.placed_by_moderator AS "placedByModerator"`;
const JOINS = `JOIN users u ON u.id = i.delegate_id LEFT JOIN delegations d ON d.id = i.delegation_id
  LEFT JOIN interventions r ON r.id = i.reply_to_id LEFT JOIN delegations rd ON rd.id = r.delegation_id`;

/** The speaker (if any) first, then the waiting queue in order. */
export function openInterventions(em: EntityManager, panelId: string): Promise<InterventionRow[]> {
  return em.query(
    `SELECT ${COLUMNS} FROM interventions i ${JOINS}
     WHERE i.panel_id = $1 AND i.status IN ('speaking', 'queued')
     ORDER BY (i.status = 'speaking') DESC, i.queue_position, i.requested_at`,
    [panelId],
  );
}

export async function interventionById(
  em: EntityManager,
  panelId: string,
  id: string,
): Promise<InterventionRow | null> {
  const rows: InterventionRow[] = await em.query(
    `SELECT ${COLUMNS} FROM interventions i ${JOINS} WHERE i.panel_id = $1 AND i.id = $2`,
    [panelId, id],
  );
  return rows[0] ?? null;
}

/** The panel's speeches (speaking or done), oldest first: what a right of reply may answer. */
export function panelSpeeches(
  em: EntityManager,
  panelId: string,
  limit: number,
  offset: number,
): Promise<InterventionRow[]> {
  return em.query(
    `SELECT ${COLUMNS} FROM interventions i ${JOINS}
     WHERE i.panel_id = $1 AND i.status IN ('speaking', 'done') AND i.started_at IS NOT NULL
     ORDER BY i.started_at, i.id LIMIT $2 OFFSET $3`,
    [panelId, limit, offset],
  );
}

/** Requests made earlier with these client retry keys, whatever their status now. */
export function interventionsByRequestIds(
  em: EntityManager,
  panelId: string,
  keys: { delegateId: string; requestId: string }[],
): Promise<InterventionRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return em.query(
    `SELECT ${COLUMNS} FROM interventions i ${JOINS}
     JOIN unnest($2::uuid[], $3::varchar[]) AS k(delegate_id, request_id)
       ON k.delegate_id = i.delegate_id AND k.request_id = i.client_request_id
     WHERE i.panel_id = $1`,
    [panelId, keys.map((k) => k.delegateId), keys.map((k) => k.requestId)],
  );
}

/** The open (queued or speaking) requests of these delegates, or of these delegations. */
export function openRequestsAmong(
  em: EntityManager,
  panelId: string,
  delegateIds: string[],
  delegationIds: string[],
): Promise<{ delegateId: string; delegationId: string | null; kind: InterventionKind }[]> {
  return em.query(
    `SELECT delegate_id AS "delegateId", delegation_id AS "delegationId", kind FROM interventions
     WHERE panel_id = $1 AND status IN ('queued', 'speaking')
       AND (delegate_id = ANY($2::uuid[]) OR delegation_id = ANY($3::uuid[]))`,
    [panelId, delegateIds, delegationIds],
  );
}

export interface NewRequest {
  panelId: string;
  delegateId: string;
  delegationId: string | null;
  kind: InterventionKind;
  note: string | null;
  clientRequestId: string | null;
  requestedAt: Date;
  onBehalfOf: string | null;
  replyToId: string | null;
}

/**
 * Inserts a waiting request at `position`, or after the last waiting one when null, and returns it with the
 * names clients show.
 */
export async function insertRequest(
  em: EntityManager,
  r: NewRequest,
  position: number | null,
): Promise<InterventionRow> {
  const rows: InterventionRow[] = await em.query(
    `WITH i AS (
       INSERT INTO interventions
         (panel_id, delegate_id, delegation_id, kind, note, client_request_id, requested_at, status, queue_position,
          on_behalf_of, reply_to_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', COALESCE($8::int,
         (SELECT COALESCE(MAX(queue_position), 0) + 1 FROM interventions WHERE panel_id = $1 AND status = 'queued')),
         $9, $10)
       RETURNING *)
     SELECT ${COLUMNS} FROM i ${JOINS}`,
    [
      r.panelId,
      r.delegateId,
      r.delegationId,
      r.kind,
      r.note,
      r.clientRequestId,
      r.requestedAt,
      position,
      r.onBehalfOf,
      r.replyToId,
    ],
  );
  return rows[0];
}

/** Appends waiting requests after the last one, in the order given; returns them with their names. */
export function appendRequests(
  em: EntityManager,
  panelId: string,
  rows: NewRequest[],
): Promise<InterventionRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return em.query(
    `WITH v AS (
       SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::timestamptz[],
                            $8::varchar[], $9::uuid[])
         WITH ORDINALITY AS t(delegate_id, delegation_id, kind, note, client_request_id, requested_at,
                              on_behalf_of, reply_to_id, n)),
     last AS (SELECT COALESCE(MAX(queue_position), 0) AS p FROM interventions WHERE panel_id = $1 AND status = 'queued'),
     i AS (
       INSERT INTO interventions
         (panel_id, delegate_id, delegation_id, kind, note, client_request_id, requested_at, status, queue_position,
          on_behalf_of, reply_to_id)
       SELECT $1, v.delegate_id, v.delegation_id, v.kind, v.note, v.client_request_id, v.requested_at, 'queued',
              (last.p + v.n)::int, v.on_behalf_of, v.reply_to_id
       FROM v, last ORDER BY v.n
       RETURNING *)
     SELECT ${COLUMNS} FROM i ${JOINS} ORDER BY i.queue_position`,
    [
      panelId,
      rows.map((r) => r.delegateId),
      rows.map((r) => r.delegationId),
      rows.map((r) => r.kind),
      rows.map((r) => r.note),
      rows.map((r) => r.clientRequestId),
      rows.map((r) => r.requestedAt),
      rows.map((r) => r.onBehalfOf),
      rows.map((r) => r.replyToId),
    ],
  );
}

export interface ProtocolQueued {
  id: string;
  kind: InterventionKind;
  delegationKind: DelegationKind | null;
  placedByModerator: boolean;
  position: number;
}

/** The waiting queue in order, with only what the protocol order places by (a light read under the lock). */
export function protocolQueue(em: EntityManager, panelId: string): Promise<ProtocolQueued[]> {
  return em.query(
    `SELECT i.id, i.kind, d.kind AS "delegationKind", i.placed_by_moderator AS "placedByModerator",
            i.queue_position AS position
     FROM interventions i LEFT JOIN delegations d ON d.id = i.delegation_id
     WHERE i.panel_id = $1 AND i.status = 'queued' ORDER BY i.queue_position, i.requested_at`,
    [panelId],
  );
}

/** Makes room at `position` by moving every waiting request from there one place down. */
export async function shiftQueueFrom(em: EntityManager, panelId: string, position: number): Promise<void> {
  await em.query(
    `UPDATE interventions SET queue_position = queue_position + 1
     WHERE panel_id = $1 AND status = 'queued' AND queue_position >= $2`,
    [panelId, position],
  );
}

/**
 * Writes the queue order as positions 1..n (or step, 2 step, ... to leave gaps), touching only the rows whose
 * place changed.
 */
export async function writeQueueOrder(
  em: EntityManager,
  orderedIds: readonly string[],
  step = 1,
): Promise<void> {
  if (orderedIds.length === 0) return;
  await em.query(
    `UPDATE interventions i SET queue_position = v.pos * $2
     FROM unnest($1::uuid[]) WITH ORDINALITY AS v(id, pos)
     WHERE i.id = v.id AND i.queue_position IS DISTINCT FROM v.pos * $2`,
    [orderedIds, step],
  );
}

/** Gives these requests these queue positions. */
export async function writePositions(em: EntityManager, positions: Map<string, number>): Promise<void> {
  if (positions.size === 0) return;
  await em.query(
    `UPDATE interventions i SET queue_position = v.pos
     FROM unnest($1::uuid[], $2::int[]) AS v(id, pos) WHERE i.id = v.id`,
    [[...positions.keys()], [...positions.values()]],
  );
}

export interface FinishedSpeech {
  spokenSeconds: number;
  allottedSeconds: number;
  delegationId: string | null;
  kind: InterventionKind;
}

/** The panel's finished speeches: spoken and allotted time (the speech-length factor), who and what (budgets). */
export async function finishedSpeeches(em: EntityManager, panelId: string): Promise<FinishedSpeech[]> {
  return em.query(
    `SELECT spoken_seconds AS "spokenSeconds", allotted_seconds AS "allottedSeconds",
            delegation_id AS "delegationId", kind FROM interventions
     WHERE panel_id = $1 AND status = 'done' AND spoken_seconds IS NOT NULL AND allotted_seconds IS NOT NULL`,
    [panelId],
  );
}

/** Seconds a delegation has spoken in the panel's finished speeches, points of order excepted. */
export async function delegationSpokenSeconds(
  em: EntityManager,
  panelId: string,
  delegationId: string,
): Promise<number> {
  const [row]: { spoken: number }[] = await em.query(
    `SELECT COALESCE(SUM(spoken_seconds), 0)::float8 AS spoken FROM interventions
     WHERE panel_id = $1 AND delegation_id = $2 AND status = 'done' AND kind <> 'point_of_order'`,
    [panelId, delegationId],
  );
  return row.spoken;
}

/**
 * For checking rights of reply: the interventions answered (by id, in this panel), and how many rights of
 * reply each delegation already has that were not given back (waiting, speaking or done).
 */
export async function replyContext(
  em: EntityManager,
  panelId: string,
  targetIds: string[],
  delegationIds: string[],
): Promise<{
  targets: Map<string, { delegationId: string | null; status: string }>;
  repliesByDelegation: Map<string, number>;
}> {
  const [row]: {
    targets: { id: string; delegationId: string | null; status: string }[];
    replies: { delegationId: string; n: number }[];
  }[] = await em.query(
    `SELECT
       (SELECT COALESCE(json_agg(json_build_object('id', id, 'delegationId', delegation_id, 'status', status)), '[]')
          FROM interventions WHERE panel_id = $1 AND id = ANY($2::uuid[])) AS targets,
       (SELECT COALESCE(json_agg(json_build_object('delegationId', delegation_id, 'n', n)), '[]') FROM
          (SELECT delegation_id, COUNT(*)::int AS n FROM interventions
           WHERE panel_id = $1 AND kind = 'right_of_reply' AND status IN ('queued', 'speaking', 'done')
             AND delegation_id = ANY($3::uuid[]) GROUP BY delegation_id) c) AS replies`,
    [panelId, targetIds, delegationIds],
  );
  return {
    targets: new Map(row.targets.map((t) => [t.id, { delegationId: t.delegationId, status: t.status }])),
    repliesByDelegation: new Map(row.replies.map((r) => [r.delegationId, r.n])),
  };
}

export interface QueueState {
  /** The waiting requests in order. */
  queue: { id: string; kind: InterventionKind }[];
  speaker: { startedAt: Date; allottedSeconds: number; pausedSeconds: number; pausedAt: Date | null } | null;
  finished: { spokenSeconds: number; allottedSeconds: number }[];
}

/** In one round trip, what positions and estimated waits are computed from. */
export async function queueState(em: EntityManager, panelId: string): Promise<QueueState> {
  const [row]: {
    queue: [string, InterventionKind][];
    speaker: {
      startedAt: string;
      allottedSeconds: number;
      pausedSeconds: number;
      pausedAt: string | null;
    } | null;
    finished: [number, number][];
  }[] = await em.query(
    `SELECT
       (SELECT COALESCE(json_agg(json_build_array(id, kind) ORDER BY queue_position), '[]'::json)
          FROM interventions WHERE panel_id = $1 AND status = 'queued') AS queue,
       (SELECT json_build_object('startedAt', started_at, 'allottedSeconds', allotted_seconds,
                                 'pausedSeconds', paused_seconds, 'pausedAt', paused_at)
          FROM interventions WHERE panel_id = $1 AND status = 'speaking') AS speaker,
       (SELECT COALESCE(json_agg(json_build_array(spoken_seconds, allotted_seconds)), '[]'::json)
          FROM interventions WHERE panel_id = $1 AND status = 'done'
            AND spoken_seconds IS NOT NULL AND allotted_seconds IS NOT NULL) AS finished`,
    [panelId],
  );
  return {
    queue: row.queue.map(([id, kind]) => ({ id, kind })),
    speaker: row.speaker && {
      startedAt: new Date(row.speaker.startedAt),
      allottedSeconds: row.speaker.allottedSeconds,
      pausedSeconds: row.speaker.pausedSeconds,
      pausedAt: row.speaker.pausedAt ? new Date(row.speaker.pausedAt) : null,
    },
    finished: row.finished.map(([spokenSeconds, allottedSeconds]) => ({ spokenSeconds, allottedSeconds })),
  };
}

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

  /** The list can be changed: the panel is live, or still scheduled with its inscription open. */
  requireListOpen(): void {
    const { status, settings } = this.panel;
    if (!inscriptionOpen(status, settings.inscriptionOpensAt, this.now)) this.change.requireLive();
  }

  /** A moderator moved or skipped this request: the protocol order places later arrivals behind it. */
  async placedByModerator(id: string): Promise<void> {
    await this.tx.query('UPDATE interventions SET placed_by_moderator = true WHERE id = $1', [id]);
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
