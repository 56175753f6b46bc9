import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { PanelSnapshot } from '@rostrum/contracts';
import { makeEvent, makePanel, makeUser } from '@rostrum/test-harness';
import { placeArrivals, protocolBand } from '../../apps/api/src/floor/speakers-list-rules';
import { sleep } from './stats';

/** What a burst of floor requests (every client asking at the same moment) measured. */
export interface Burst {
  lastAckMs: number;
  ok: number;
  positionsExact: boolean;
  stored: number;
  statesPerClient: number;
}
const GROUPS = ['Africa Group', 'GRULAC', 'Asia and the Pacific Group'];

/**
 * A live panel under the protocol order, of an event with regional groups, with one earlier speech to reply
 * to; every fourth delegation becomes an observer. Each delegate's request: a tenth are points of order, a
 * tenth group statements, a tenth rights of reply, the rest statements and questions.
 */
export async function protocolBurstPanel(
  db: DataSource,
  moderator: { id: string },
  delegates: { id: string }[],
) {
  const event = await makeEvent(db, { groups: GROUPS });
  const other = await makeUser(db, 'delegate');
  const panel = await makePanel(db, {
    event,
    moderators: [moderator as never],
    status: 'live',
    title: 'Burst (protocol)',
    settings: { orderPolicy: 'protocol' },
  });
  await db.query(
    `UPDATE delegations SET kind = 'observer' WHERE id IN (
       SELECT delegation_id FROM users WHERE id = ANY($1::uuid[]) AND delegation_id IS NOT NULL
       GROUP BY delegation_id HAVING hashtext(delegation_id::text) % 4 = 0)`,
    [delegates.map((d) => d.id)],
  );
  const [{ id: earlier }] = await db.query(
    `INSERT INTO interventions (panel_id, delegate_id, delegation_id, kind, status, started_at, ended_at,
       allotted_seconds, spoken_seconds)
     VALUES ($1, $2, $3, 'statement', 'done', now(), now(), 180, 170) RETURNING id`,
    [panel.id, other.id, other.delegationId],
  );
  const payload = (i: number) => {
    const base = { panelId: panel.id, requestId: `protocol-${i}` };
    switch (i % 10) {
      case 0:
        return { ...base, kind: 'point_of_order' };
      case 1:
        return { ...base, kind: 'group_statement', onBehalfOf: GROUPS[i % GROUPS.length] };
      case 2:
        return { ...base, kind: 'right_of_reply', replyTo: earlier };
      case 3:
      case 7:
        return { ...base, kind: 'question' };
      default:
        return { ...base, kind: 'statement' };
    }
  };
  return { panelId: panel.id, payload };
}

/**
 * Exact under the protocol order: the stored queue (N requests, positions strictly increasing: gapped, see
 * `gappedPositions`) is in exactly the order the pure rule gives when the requests are placed one by one in
 * the order the record logged them.
 */
export async function protocolOrderExact(db: DataSource, panelId: string, count: number): Promise<boolean> {
  const logged: { id: string; kind: string; delegationKind: 'member_state' | 'observer' | null }[] =
    await db.query(
      `SELECT i.id, i.kind, d.kind AS "delegationKind" FROM floor_log l
       JOIN interventions i ON i.id = l.intervention_id LEFT JOIN delegations d ON d.id = i.delegation_id
       WHERE l.panel_id = $1 AND l.action = 'floor:request' ORDER BY l.seq`,
      [panelId],
    );
  const stored: { id: string; position: number }[] = await db.query(
    `SELECT id, queue_position AS position FROM interventions WHERE panel_id = $1 AND status = 'queued'
     ORDER BY queue_position`,
    [panelId],
  );
  const expected = placeArrivals(
    [],
    logged.map((r) => ({ id: r.id, band: protocolBand(r.kind, r.delegationKind) })),
  );
  return (
    stored.length === count &&
    stored.every((r, i) => i === 0 || r.position > stored[i - 1].position) &&
    JSON.stringify(stored.map((r) => r.id)) === JSON.stringify(expected)
  );
}

/** Exact under first come: the answered positions are exactly 1..N. */
async function positionsExact(answers: { answer: any }[], count: number): Promise<boolean> {
  const positions = new Set(answers.map((a) => a.answer.data.position as number));
  return positions.size === count && [...positions].every((p) => p >= 1 && p <= count);
}

export async function runBurst(
  clients: Socket[],
  panelId: string,
  db: DataSource,
  payload: (i: number) => Record<string, unknown> = (i) => ({
    panelId,
    kind: 'statement',
    requestId: `burst-${i}`,
  }),
  exact?: (db: DataSource, panelId: string, count: number) => Promise<boolean>,
): Promise<Burst> {
  let states = 0;
  clients[0].on('panel:state', (s: PanelSnapshot) => {
    if (s.panelId === panelId) states += 1;
  });
  const started = performance.now();
  const answers = await Promise.all(
    clients.map(async (s, i) => {
      const answer = await s.timeout(60_000).emitWithAck('floor:request', payload(i));
      return { answer, at: performance.now() - started };
    }),
  );
  const ok = answers.filter((a) => a.answer.ok);
  // The last coalesced broadcasts first: 2000 sockets receiving ~1 MB each keep this process too busy to
  // open a database connection in time.
  await sleep(3000);
  const exactly = exact ? await exact(db, panelId, clients.length) : await positionsExact(ok, clients.length);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM interventions WHERE panel_id = $1`, [
    panelId,
  ]);
  return {
    lastAckMs: Math.max(...answers.map((a) => a.at)),
    ok: ok.length,
    positionsExact: exactly,
    stored: n,
    statesPerClient: states,
  };
}
