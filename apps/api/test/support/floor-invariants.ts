import { DataSource } from 'typeorm';
import { FLOOR_LOG_ACTIONS } from '@rostrum/contracts';
import { RECORD_COLUMNS, RecordRow, toRecordEntry } from '@rostrum/record';
import { chainError, RecordEntry } from '@rostrum/record';

/** One row of a panel's floor log, as stored. */
export interface FloorLogRow {
  seq: number;
  action: string;
  actorId: string | null;
  interventionId: string | null;
  version: number | null;
}

/** One intervention row, as stored. */
export interface InterventionRecord {
  id: string;
  delegateId: string;
  status: string;
  clientRequestId: string | null;
}

/** A command a test client sent and the acknowledgement it got (`ack` null: none came). */
export interface RecordedCommand {
  command: string;
  /** The user who sent it. */
  actorId: string;
  payload: Record<string, unknown>;
  ack: { ok: true; data: any } | { ok: false; error: { code: string; message: string } } | null;
}

export interface FloorHistory {
  /** The panel's version now. */
  panelVersion: number;
  /** Its version before the history began (0 for a panel made by the factories). */
  initialVersion?: number;
  /** The floor log, in `seq` order. */
  log: FloorLogRow[];
  interventions: InterventionRecord[];
  commands?: RecordedCommand[];
  /** The panel's record of proceedings (the log's rows as answers carry them), when its chain is checked. */
  record?: { panelId: string; entries: RecordEntry[] };
}

/** The log action each state-changing command writes with the version its acknowledgement carries. */
const VERSIONED_ACTION: Record<string, string> = {
  'floor:grant': 'floor:grant',
  'floor:next': 'floor:next',
  'floor:end': 'floor:end',
  'floor:extend': 'floor:extend',
  'queue:remove': 'queue:remove',
};

/** Which intervention states each logged action moves from and to (null: it does not change the state). */
const TRANSITIONS: Record<string, { from: string[]; to: string | null }> = {
  [FLOOR_LOG_ACTIONS.speechStarted]: { from: ['queued'], to: 'speaking' },
  [FLOOR_LOG_ACTIONS.speechEnded]: { from: ['speaking'], to: 'done' },
  'floor:withdraw': { from: ['queued'], to: 'withdrawn' },
  'queue:remove': { from: ['queued'], to: 'removed' },
  'queue:move': { from: ['queued'], to: null },
  'queue:skip': { from: ['queued'], to: null },
  'floor:ready': { from: ['queued'], to: null },
  'floor:grant': { from: ['speaking'], to: null }, // logged right after its speech:started
  'floor:next': { from: ['speaking'], to: null },
  'floor:extend': { from: ['speaking'], to: null },
  'floor:pause': { from: ['speaking'], to: null },
  'floor:resume': { from: ['speaking'], to: null },
  'floor:timeup': { from: ['speaking', 'done'], to: null }, // with auto-end, logged after its speech:ended
  'floor:end': { from: ['done'], to: null }, // logged after its speech:ended
};

/**
 * Proves, from a panel's floor log, its intervention rows and (optionally) the acknowledgements clients
 * received, that the floor's invariants held over a whole run:
 * - never two speakers: replaying the log, a speech starts only when none runs, and ends only the one running;
 *   the speaker at the end is the one row `speaking`;
 * - versions are gap-free and each used once: the versioned rows, in log order, are exactly
 *   initialVersion+1 … panelVersion;
 * - the rows agree with the log: every intervention has exactly one `floor:request` row, each logged action
 *   finds it in a state that allows it, and replaying the log ends in each row's stored status;
 * - every acknowledged request exists exactly once (a retry with the same `requestId` acknowledged the same
 *   intervention), and every acknowledged change carries the version its log row has;
 * - the record holds: `seq` runs 1…n without gaps, and every entry's hash covers its content and chains to
 *   the entry before it.
 * Returns the violations found, in words (empty: all held).
 */
export function floorViolations(history: FloorHistory): string[] {
  return [
    ...versionViolations(history),
    ...replayViolations(history),
    ...ackViolations(history),
    ...recordViolations(history),
  ];
}

/** Throws listing every violation, if any. */
export function expectFloorInvariants(history: FloorHistory): void {
  const found = floorViolations(history);
  if (found.length) {
    throw new Error(`floor invariants violated (${found.length}):\n- ${found.slice(0, 30).join('\n- ')}`);
  }
}

/** A panel's floor log and intervention rows, as the checker reads them. */
export async function readFloorHistory(
  db: DataSource,
  panelId: string,
): Promise<Omit<FloorHistory, 'commands' | 'initialVersion'>> {
  const [panel]: { version: number }[] = await db.query('SELECT version FROM panels WHERE id = $1', [
    panelId,
  ]);
  const rows: (RecordRow & { version: number | null })[] = await db.query(
    `SELECT ${RECORD_COLUMNS}, version FROM floor_log WHERE panel_id = $1 ORDER BY seq`,
    [panelId],
  );
  const log: FloorLogRow[] = rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    actorId: r.actorId,
    interventionId: r.interventionId,
    version: r.version,
  }));
  const interventions: InterventionRecord[] = await db.query(
    `SELECT id, delegate_id AS "delegateId", status, client_request_id AS "clientRequestId"
     FROM interventions WHERE panel_id = $1`,
    [panelId],
  );
  const entries = rows.map((r) => toRecordEntry(panelId, r));
  return { panelVersion: panel.version, log, interventions, record: { panelId, entries } };
}

function versionViolations({ log, panelVersion, initialVersion = 0 }: FloorHistory): string[] {
  const out: string[] = [];
  let expected = initialVersion + 1;
  const seen = new Map<number, number>();
  for (const row of log) {
    if (row.version === null) continue;
    if (seen.has(row.version)) {
      out.push(`version ${row.version} used twice (log seq ${seen.get(row.version)} and ${row.seq})`);
    } else if (row.version !== expected) {
      out.push(`log seq ${row.seq} (${row.action}) has version ${row.version}, expected ${expected}`);
    }
    seen.set(row.version, row.seq);
    expected = Math.max(expected, row.version + 1);
  }
  if (expected - 1 !== panelVersion) {
    out.push(`the panel is at version ${panelVersion} but the log's last version is ${expected - 1}`);
  }
  for (let v = initialVersion + 1; v <= panelVersion; v++) {
    if (!seen.has(v)) out.push(`version ${v} is missing from the log`);
  }
  return out;
}

function replayViolations({ log, interventions }: FloorHistory): string[] {
  const out: string[] = [];
  const state = new Map<string, string>();
  const requests = new Map<string, number>();
  let speaker: string | null = null;

  for (const row of log) {
    const id = row.interventionId;
    if (row.action === 'floor:request' && id) {
      requests.set(id, (requests.get(id) ?? 0) + 1);
      if (state.has(id)) out.push(`intervention ${id} requested twice (log seq ${row.seq})`);
      else state.set(id, 'queued');
      continue;
    }
    if (row.action === 'panel:end') {
      for (const [other, s] of state) if (s === 'queued') state.set(other, 'removed');
      continue;
    }
    if (row.action === FLOOR_LOG_ACTIONS.speechStarted) {
      if (speaker !== null)
        out.push(`two speakers at log seq ${row.seq}: ${id} started while ${speaker} speaks`);
      speaker = id;
    } else if (row.action === FLOOR_LOG_ACTIONS.speechEnded) {
      if (speaker !== id)
        out.push(`log seq ${row.seq} ends the speech of ${id}, but ${speaker ?? 'nobody'} speaks`);
      if (speaker === id) speaker = null;
    }
    const rule = TRANSITIONS[row.action];
    if (!rule || !id) continue;
    const current = state.get(id);
    if (current === undefined) {
      out.push(`log seq ${row.seq} (${row.action}) names ${id}, which was never requested`);
      continue;
    }
    if (!rule.from.includes(current)) {
      out.push(
        `log seq ${row.seq} (${row.action}) finds ${id} ${current}, expected ${rule.from.join(' or ')}`,
      );
    }
    if (rule.to) state.set(id, rule.to);
  }

  const speaking = interventions.filter((r) => r.status === 'speaking').map((r) => r.id);
  if (speaking.length > 1) out.push(`${speaking.length} interventions are speaking: ${speaking.join(', ')}`);
  if ((speaking[0] ?? null) !== speaker) {
    out.push(`the log leaves ${speaker ?? 'nobody'} speaking, the rows ${speaking[0] ?? 'nobody'}`);
  }
  const rows = new Set<string>();
  for (const r of interventions) {
    rows.add(r.id);
    const count = requests.get(r.id) ?? 0;
    if (count !== 1) out.push(`intervention ${r.id} has ${count} floor:request log rows, expected 1`);
    const replayed = state.get(r.id);
    if (replayed && replayed !== r.status) {
      out.push(`intervention ${r.id} is ${r.status} but the log leaves it ${replayed}`);
    }
  }
  for (const id of requests.keys()) if (!rows.has(id)) out.push(`the log requests ${id}, which has no row`);
  const keys = new Map<string, string>();
  for (const r of interventions) {
    if (!r.clientRequestId) continue;
    const key = `${r.delegateId}/${r.clientRequestId}`;
    if (keys.has(key)) out.push(`request ${key} stored twice: ${keys.get(key)} and ${r.id}`);
    keys.set(key, r.id);
  }
  return out;
}

function ackViolations({ log, interventions, commands = [] }: FloorHistory): string[] {
  const out: string[] = [];
  const rows = new Map(interventions.map((r) => [r.id, r]));
  const byVersion = new Map(log.filter((r) => r.version !== null).map((r) => [r.version!, r]));
  const answeredRequest = new Map<string, string>();

  for (const { command, actorId, payload, ack } of commands) {
    if (!ack?.ok) continue;
    if (command === 'floor:request') {
      const id: string = ack.data.intervention.id;
      const row = rows.get(id);
      if (!row) out.push(`acknowledged request ${id} of ${actorId} does not exist`);
      else if (row.delegateId !== actorId)
        out.push(`acknowledged request ${id} belongs to ${row.delegateId}, not ${actorId}`);
      if (typeof payload.requestId === 'string') {
        const key = `${actorId}/${payload.requestId}`;
        const first = answeredRequest.get(key);
        if (first && first !== id) out.push(`request ${key} acknowledged as both ${first} and ${id}`);
        answeredRequest.set(key, first ?? id);
      }
    } else if (command === 'floor:withdraw') {
      const id = payload.interventionId;
      if (
        !log.some((r) => r.action === 'floor:withdraw' && r.interventionId === id && r.actorId === actorId)
      ) {
        out.push(`acknowledged withdrawal of ${String(id)} by ${actorId} is not in the log`);
      }
    } else if (VERSIONED_ACTION[command]) {
      const version: number = ack.data.version;
      const row = byVersion.get(version);
      if (row?.action !== VERSIONED_ACTION[command]) {
        out.push(
          `acknowledged ${command} at version ${version} but the log has ${row ? row.action : 'no row'} there`,
        );
      }
    }
  }
  return out;
}

function recordViolations({ record }: FloorHistory): string[] {
  const broken = record ? chainError(record.panelId, record.entries) : null;
  return broken ? [`the record of panel ${record!.panelId} breaks at ${broken}`] : [];
}
