// `npm run bench:floor`: fan-out of panel:state to N clients, against a bare socket.io broadcast in the same
// run, and a burst of N delegates asking for the floor at once. Writes its section of docs/benchmarks.md.
// Size with BENCH_CLIENTS (default 2000) and BENCH_CHANGES (default 200).
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import type { Socket } from 'socket.io-client';
import { PanelSnapshot } from '@rostrum/contracts';
import { makePanel, makeUser } from '@rostrum/test-harness';
import { toPublicSnapshot } from '../apps/api/src/floor/panel-state';
import { createBenchSetup, seedDelegates } from './lib/bench-setup';
import { Burst, runBurst } from './lib/burst';
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

    const report = formatReport(
      ours,
      bareRun,
      Buffer.byteLength(JSON.stringify(payload)),
      burst,
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

function formatReport(ours: Fanout, bare: Fanout, payloadBytes: number, burst: Burst, load: number): string {
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
`;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
