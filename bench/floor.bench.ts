// `npm run bench:floor`: fan-out of panel:state to N clients, against a bare socket.io broadcast in the same
// run, and a burst of N delegates asking for the floor at once. Writes its section of docs/benchmarks.md.
// Size with BENCH_CLIENTS (default 2000) and BENCH_CHANGES (default 200).
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { PanelSnapshot } from '@rostrum/contracts';
import { makeEvent, makePanel, makeUser } from '@rostrum/test-harness';
import { toPublicSnapshot } from '../apps/api/src/floor/floor-snapshot';
import { placeArrivals, protocolBand } from '../apps/api/src/floor/speakers-list-rules';
import { createBenchSetup, seedDelegates } from './lib/bench-setup';
import { command, connectMany, connectOne, inBatches } from './lib/clients';
import { moderatorChange, speakerAndQueue } from './lib/floor-changes';
import { ensureFileLimit, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { FanoutFigures, ms, percentiles, sleep } from './lib/stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
/** Between two moderator commands: within the 20 commands/s limit, and one broadcast at a time. */
const MIN_GAP_MS = 60;
const TARGET = { p99Ms: 250, ratio: 1.5, burstMs: 5000 };

type Fanout = FanoutFigures;
interface Burst {
  lastAckMs: number;
  ok: number;
  positionsExact: boolean;
  stored: number;
  statesPerClient: number;
}
const GROUPS = ['Africa Group', 'GRULAC', 'Asia and the Pacific Group'];

async function main(): Promise<void> {
  ensureFileLimit(CLIENTS * 3 + 500);
  const loadAtStart = loadavg()[0];
  console.log(`floor benchmark: ${CLIENTS} clients, ${CHANGES} changes`);
  const setup = await createBenchSetup();
  const { db } = setup;
  const api = await startChild('api-process.ts', setup.env);
  const bare = await startChild('bare-server.ts');
  const sockets: Socket[] = [];
  try {
    const moderator = await makeUser(db, 'moderator');
    const fanoutPanel = await makePanel(db, { moderators: [moderator], status: 'live', title: 'Fan-out' });
    const burstPanel = await makePanel(db, { moderators: [moderator], status: 'live', title: 'Burst' });
    const delegates = await seedDelegates(db, CLIENTS);

    console.log('connecting clients…');
    const apiUrl = `http://127.0.0.1:${api.port}`;
    const mod = await connectOne(apiUrl, setup.issue(moderator));
    const clients = await connectMany(
      apiUrl,
      delegates.map((d) => setup.issue(d)),
    );
    sockets.push(mod, ...clients);
    await command(mod, 'panel:join', { panelId: fanoutPanel.id });
    await inBatches(clients, 100, (s) => command(s, 'panel:join', { panelId: fanoutPanel.id }));
    let last = await speakerAndQueue(mod, clients.slice(0, 10), fanoutPanel.id);
    await sleep(1000);

    console.log('fan-out through Rostrum…');
    const ours = await fanout(clients, async (i) => {
      last = await command<PanelSnapshot>(mod, ...moderatorChange(i, last));
      return last.version;
    });

    console.log('fan-out through a bare socket.io server…');
    const bareUrl = `http://127.0.0.1:${bare.port}`;
    const bareClients = await connectMany(
      bareUrl,
      clients.map(() => undefined),
    );
    const driver = await connectOne(bareUrl);
    sockets.push(driver, ...bareClients);
    await inBatches(bareClients, 100, (s) => command(s, 'panel:join', {}));
    const payload = toPublicSnapshot(last); // what the delegates received
    const bareRun = await fanout(bareClients, async (i) => {
      await command(driver, 'bench:broadcast', { ...payload, version: 1_000_000 + i });
      return 1_000_000 + i;
    });
    for (const s of [driver, ...bareClients]) s.disconnect();

    console.log('burst…');
    await inBatches(clients, 100, (s) => command(s, 'panel:join', { panelId: burstPanel.id }));
    await sleep(2500); // let presence settle
    const burst = await runBurst(clients, burstPanel.id, db);

    console.log('burst under the protocol order, every kind…');
    const protocol = await protocolBurstPanel(db, moderator, delegates);
    await inBatches(clients, 100, (s) => command(s, 'panel:join', { panelId: protocol.panelId }));
    await sleep(2500);
    const protocolBurst = await runBurst(clients, protocol.panelId, db, protocol.payload, protocolOrderExact);

    const report = formatReport(
      ours,
      bareRun,
      Buffer.byteLength(JSON.stringify(payload)),
      burst,
      protocolBurst,
      loadAtStart,
    );
    console.log(`\n${report}\n`);
    console.log(`written to ${writeSection('Floor: fan-out and burst', report)}`);
  } finally {
    for (const s of sockets) s.disconnect();
    await Promise.allSettled([api.stop(), bare.stop()]);
    await setup.cleanup();
  }
}

/**
 * Makes `CHANGES` changes one after the other and measures, for every client and change, the time from the
 * change (the snapshot's `serverTime`, taken in its transaction) to the client's receipt of `panel:state`.
 */
async function fanout(clients: Socket[], change: (i: number) => Promise<number>): Promise<Fanout> {
  const latencies: number[] = [];
  const received = new Map<number, number>();
  const listener = (s: PanelSnapshot) => {
    latencies.push(Date.now() - Date.parse(s.serverTime));
    received.set(s.version, (received.get(s.version) ?? 0) + 1);
  };
  for (const c of clients) c.on('panel:state', listener);
  let missing = 0;
  for (let i = 0; i < CHANGES; i++) {
    const started = Date.now();
    const version = await change(i);
    const deadline = Date.now() + 5000;
    while ((received.get(version) ?? 0) < clients.length && Date.now() < deadline) await sleep(2);
    missing += clients.length - (received.get(version) ?? 0);
    const spent = Date.now() - started;
    if (spent < MIN_GAP_MS) await sleep(MIN_GAP_MS - spent);
  }
  for (const c of clients) c.off('panel:state', listener);
  const { p50, p95, p99 } = percentiles(latencies);
  return { p50, p95, p99, deliveries: latencies.length, missing };
}

/**
 * A live panel under the protocol order, of an event with regional groups, with one earlier speech to reply
 * to; every fourth delegation becomes an observer. Each delegate's request: a tenth are points of order, a
 * tenth group statements, a tenth rights of reply, the rest statements and questions.
 */
async function protocolBurstPanel(db: DataSource, moderator: { id: string }, delegates: { id: string }[]) {
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
 * Exact under the protocol order: the stored queue is positions 1..N, in exactly the order the pure rule
 * gives when the requests are placed one by one in the order the record logged them.
 */
async function protocolOrderExact(db: DataSource, panelId: string, count: number): Promise<boolean> {
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
    stored.every((r, i) => r.position === i + 1) &&
    JSON.stringify(stored.map((r) => r.id)) === JSON.stringify(expected)
  );
}

/** Exact under first come: the answered positions are exactly 1..N. */
async function positionsExact(answers: { answer: any }[], count: number): Promise<boolean> {
  const positions = new Set(answers.map((a) => a.answer.data.position as number));
  return positions.size === count && [...positions].every((p) => p >= 1 && p <= count);
}

async function runBurst(
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
  const exactly = exact ? await exact(db, panelId, clients.length) : await positionsExact(ok, clients.length);
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM interventions WHERE panel_id = $1`, [
    panelId,
  ]);
  await sleep(3000); // the last coalesced broadcast
  return {
    lastAckMs: Math.max(...answers.map((a) => a.at)),
    ok: ok.length,
    positionsExact: exactly,
    stored: n,
    statesPerClient: states,
  };
}

function formatReport(
  ours: Fanout,
  bare: Fanout,
  payloadBytes: number,
  burst: Burst,
  protocol: Burst,
  load: number,
): string {
  const mark = (pass: boolean) => (pass ? 'met' : '**missed**');
  const ratio = ours.p99 / bare.p99;
  const cpu = cpus();
  return `
Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}, load average ${load.toFixed(1)}
at the start: one API instance in its own process, PostgreSQL and Redis on the same machine, all ${CLIENTS} clients
(socket.io-client, websocket transport) in the benchmark's process. These clients receive every byte but
decode only the head of each \`panel:state\` (version, serverTime): real clients parse on their own machines,
and thousands of full parses in one process would measure the benchmark, not the server. Re-run:
\`npm run bench:floor\` (\`BENCH_CLIENTS\`, \`BENCH_CHANGES\` change the size).

**Fan-out**: ${CLIENTS} delegates joined to one panel; the moderator makes ${CHANGES} changes (extend, pause,
resume, reorder), one at a time; latency from the change's \`serverTime\` (taken in its transaction) to the
receipt of \`panel:state\` at every client. The bare server gets the same payload (${payloadBytes} bytes: one
speaker, nine waiting) and broadcasts it to the same number of clients.

| | p50 | p95 | p99 | deliveries | target |
| --- | --- | --- | --- | --- | --- |
| Rostrum (commit → receipt) | ${ms(ours.p50)} | ${ms(ours.p95)} | ${ms(ours.p99)} | ${ours.deliveries} (${ours.missing} missing) | p99 ≤ ${TARGET.p99Ms} ms: ${mark(ours.p99 <= TARGET.p99Ms)} |
| bare socket.io broadcast | ${ms(bare.p50)} | ${ms(bare.p95)} | ${ms(bare.p99)} | ${bare.deliveries} (${bare.missing} missing) | |
| ratio of p99 | | | ${ratio.toFixed(2)} × | | ≤ ${TARGET.ratio} ×: ${mark(ratio <= TARGET.ratio)} |

**Burst**: ${CLIENTS} delegates, all joined to one panel, send \`floor:request\` at the same moment.

| | figure | target |
| --- | --- | --- |
| last acknowledgement after | ${ms(burst.lastAckMs)} | < ${TARGET.burstMs} ms: ${mark(burst.lastAckMs < TARGET.burstMs)} |
| acknowledged \`ok\` | ${burst.ok} / ${CLIENTS} | all: ${mark(burst.ok === CLIENTS)} |
| positions answered | ${burst.positionsExact ? `exactly 1..${CLIENTS}` : 'NOT exactly 1..N'} | exactly 1..${CLIENTS}: ${mark(burst.positionsExact)} |
| requests stored | ${burst.stored} | ${CLIENTS} (no loss, no duplicate): ${mark(burst.stored === CLIENTS)} |
| \`panel:state\` received per client | ${burst.statesPerClient} | coalesced (latest version wins) |

**Burst under the protocol order** (the diplomatic list of speakers): the same ${CLIENTS} delegates ask at once on a
panel with \`orderPolicy: "protocol"\`, a quarter of the delegations observers, with a mix of kinds: a tenth
points of order, a tenth group statements, a tenth rights of reply, the rest statements and questions. Exact
means the stored queue is 1..N in exactly the order the pure rule (\`placeArrivals\`) gives for the requests
in the order the record logged them.

| | figure | target |
| --- | --- | --- |
| last acknowledgement after | ${ms(protocol.lastAckMs)} | < ${TARGET.burstMs} ms: ${mark(protocol.lastAckMs < TARGET.burstMs)} |
| acknowledged \`ok\` | ${protocol.ok} / ${CLIENTS} | all: ${mark(protocol.ok === CLIENTS)} |
| queue order | ${protocol.positionsExact ? 'exactly the protocol order' : 'NOT the protocol order'} | exact: ${mark(protocol.positionsExact)} |
| requests stored | ${protocol.stored - 1} (+ the speech replied to) | ${CLIENTS}: ${mark(protocol.stored - 1 === CLIENTS)} |
| \`panel:state\` received per client | ${protocol.statesPerClient} | coalesced (latest version wins) |
`;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
