// `npm run bench:connections`: 5,000 clients on one API instance — the memory an idle connection costs and
// the fan-out p99 of `panel:state` to all of them — then the same clients spread over two instances behind
// the Redis adapter, and (for reference) over a bare socket.io server. Writes its section of
// docs/benchmarks.md. Size: BENCH_CONNECTIONS (5000), BENCH_CHANGES (100 per setup and round), BENCH_ROUNDS (2),
// BENCH_CLIENT_PROCESSES (4); BENCH_BARE=0 skips the bare server; BENCH_CPU_PROF=<dir> has the servers write
// CPU profiles there (node --cpu-prof), for finding where the time goes.
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import type { Socket } from 'socket.io-client';
import { PanelSnapshot } from '@rostrum/contracts';
import { makePanel, makeUser } from '@rostrum/test-harness';
import { toPublicSnapshot } from '../apps/api/src/floor/panel-state';
import type { RoomsProbe } from './lib/api-process';
import { createBenchSetup, seedDelegates } from './lib/bench-setup';
import { command, connectOne } from './lib/clients';
import { CLIENT_PROCESSES, Fleet } from './lib/fleet';
import { moderatorChange, speakerAndQueue } from './lib/floor-changes';
import { Child, ensureFileLimit, GcPauses, limitRunTime, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { FanoutFigures, ms, percentiles, sleep } from './lib/stats';

const CLIENTS = Number(process.env.BENCH_CONNECTIONS ?? 5000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MEMBERS = CLIENT_PROCESSES;
const WITH_BARE = process.env.BENCH_BARE !== '0';
const WARMUP_CHANGES = 10;
/** Delegates who connect, change things and leave before the baseline is taken. */
const WARMUP_CLIENTS = 200;
/**
 * Between two changes: more than the pause the broadcaster keeps after a send (bytes × audience at
 * 250 MB/s: ~5 KB × 5,000 ≈ 100 ms), so each change is measured on its own, not behind the previous one.
 */
const MIN_GAP_MS = 200;
const DELIVERY_TIMEOUT_MS = 5000;
/** Lets presence write its counts and announce them (every 500 ms, at most every 2 s per panel). */
const SETTLE_MS = 3000;
const TIME_LIMIT_MS = 20 * 60_000;
/** p99 ≤ 250 ms is the floor's target (docs/benchmarks.md, floor section), here at 5,000 clients. */
const TARGET = { bytesPerConnection: 50 * 1024, p99Ms: 250, twoInstances: 1.25 };

type Setup = 'one' | 'two' | 'bare';
const SETUP_NAMES: Record<Setup, string> = {
  one: 'one instance',
  two: 'two instances',
  bare: 'a bare socket.io server',
};
interface Fanout extends FanoutFigures {
  /** p99 of each measured run (one per round). */
  runs: number[];
  /** Garbage-collection pauses in the server(s) during the measured runs. */
  gc: GcPauses;
}
/** A bare socket.io server's memory: before any client, and with all of them joined. */
interface BareMemory {
  baseline: NodeJS.MemoryUsage;
  joined?: NodeJS.MemoryUsage;
}
interface Memory {
  baseline: NodeJS.MemoryUsage;
  connected: NodeJS.MemoryUsage;
  joined: NodeJS.MemoryUsage;
  rooms: RoomsProbe;
  /** How long the CLIENTS connections (handshake with a token) took to open. */
  connectMs: number;
}

async function main(): Promise<void> {
  ensureFileLimit(CLIENTS + 1000); // the API instance holds one descriptor per client
  limitRunTime(TIME_LIMIT_MS);
  const load = [loadavg()[0]];
  console.log(
    `connections benchmark: ${CLIENTS} clients in ${MEMBERS} processes, ${ROUNDS} × ${CHANGES} changes per setup`,
  );
  const setup = await createBenchSetup();
  const { db } = setup;
  const profile = process.env.BENCH_CPU_PROF
    ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const apiOptions = [...profile, ...(process.env.BENCH_API_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [])];
  const apiA = await startChild('api-process.ts', setup.env, ['--expose-gc', ...apiOptions]);
  const bare = WITH_BARE ? await startChild('bare-server.ts', {}, ['--expose-gc', ...profile]) : null;
  const fleet = await Fleet.start(MEMBERS);
  let apiB: Child | null = null;
  const sockets: Socket[] = [];
  try {
    const moderator = await makeUser(db, 'moderator');
    const panel = await makePanel(db, { moderators: [moderator], status: 'live', title: 'Connections' });
    const [speakers, warmup, delegates] = split(await seedDelegates(db, 10 + WARMUP_CLIENTS + CLIENTS), [
      10,
      WARMUP_CLIENTS,
    ]);
    const urlA = `http://127.0.0.1:${apiA.port}`;
    const join = (members?: Child[]) => fleet.command('panel:join', { panelId: panel.id }, members);

    // Warm-up: one speaker and nine waiting (those ten then leave; their requests stay), and a few hundred
    // clients that join, see some changes and leave, so that the baseline includes what the first
    // connections set up once (compiled code, pools, buffers).
    console.log('warming up…');
    const mod = await connectOne(urlA, setup.issue(moderator));
    sockets.push(mod);
    await command(mod, 'panel:join', { panelId: panel.id });
    const speakerSockets = await Promise.all(speakers.map((d) => connectOne(urlA, setup.issue(d))));
    for (const s of speakerSockets) await command(s, 'panel:join', { panelId: panel.id });
    let last = await speakerAndQueue(mod, speakerSockets, panel.id);
    for (const s of speakerSockets) s.disconnect();
    // Numbered across runs: the cycle (extend, pause, resume, reorder) must not restart on a paused clock.
    let changes = 0;
    const change = async () => {
      last = await command<PanelSnapshot>(mod, ...moderatorChange(changes++, last));
      return last.version;
    };
    await fleet.connect(
      warmup.map((d) => setup.issue(d)),
      () => urlA,
    );
    await join();
    await fanout(fleet, WARMUP_CHANGES, WARMUP_CLIENTS, change);
    await fleet.disconnect();
    await sleep(SETTLE_MS);

    console.log(`memory: ${CLIENTS} idle connections…`);
    const tokens = delegates.map((d) => setup.issue(d));
    const memory = { baseline: await apiA.ask<NodeJS.MemoryUsage>({ probe: 'memory' }) } as Memory;
    const connectStarted = Date.now();
    await fleet.connect(tokens, () => urlA);
    memory.connectMs = Date.now() - connectStarted;
    await sleep(SETTLE_MS);
    memory.connected = await apiA.ask({ probe: 'memory' });
    await join();
    await sleep(SETTLE_MS);
    memory.joined = await apiA.ask({ probe: 'memory' });
    memory.rooms = await apiA.ask({ probe: 'rooms' });
    console.log(perConnectionLine(memory));

    // The bare server broadcasts what it is handed: the public snapshot the delegates receive.
    let bareMemory: BareMemory | null = null;
    let broadcast = async () => 0;
    if (bare) {
      bareMemory = { baseline: await bare.ask<NodeJS.MemoryUsage>({ probe: 'memory' }) } as BareMemory;
      const driver = await connectOne(`http://127.0.0.1:${bare.port}`);
      sockets.push(driver);
      let version = 1_000_000;
      broadcast = async () => {
        version += 1;
        await command(driver, 'bench:broadcast', { ...toPublicSnapshot(last), version });
        return version;
      };
    }

    // The setups in the order one, two, bare, bare, two, one, …: a drift in the machine's load (it is
    // shared) then weighs on each about alike.
    const order: Setup[] = WITH_BARE ? ['one', 'two', 'bare'] : ['one', 'two'];
    const lowerHalf = Math.floor(MEMBERS / 2);
    const tallies: Record<Setup, Tally> = { one: newTally(), two: newTally(), bare: newTally() };
    for (let round = 0; round < ROUNDS; round++) {
      for (const wanted of round % 2 === 0 ? order : [...order].reverse()) {
        if (wanted === 'two' && !apiB) apiB = await startChild('api-process.ts', setup.env, apiOptions);
        const urlOf = (member: number): string => {
          if (wanted === 'bare') return `http://127.0.0.1:${bare!.port}`;
          if (wanted === 'two' && member >= lowerHalf) return `http://127.0.0.1:${apiB!.port}`;
          return urlA;
        };
        const moved = await fleet.place(urlOf);
        if (moved.length) {
          console.log(`${moved.length} client processes reconnected for ${SETUP_NAMES[wanted]}`);
          await join(moved);
          await sleep(SETTLE_MS);
        }
        if (wanted !== 'two' && apiB) {
          await apiB.stop();
          apiB = null;
        }
        if (wanted === 'bare' && bareMemory && !bareMemory.joined) {
          bareMemory.joined = await bare!.ask<NodeJS.MemoryUsage>({ probe: 'memory' });
        }
        console.log(`fan-out through ${SETUP_NAMES[wanted]} (load ${loadavg()[0].toFixed(1)})…`);
        const send = wanted === 'bare' ? broadcast : change;
        const servers = wanted === 'bare' ? [bare!] : wanted === 'two' ? [apiA, apiB!] : [apiA];
        await fanout(fleet, WARMUP_CHANGES, CLIENTS, send);
        await Promise.all(servers.map((server) => server.ask({ probe: 'gc' })));
        const result = await fanout(fleet, CHANGES, CLIENTS, send);
        const pauses = await Promise.all(servers.map((server) => server.ask<GcPauses>({ probe: 'gc' })));
        tally(tallies[wanted], result, pauses);
        console.log(`  p99 ${ms(percentiles([...result.latencies]).p99)}`);
        load.push(loadavg()[0]);
      }
    }

    const report = formatReport({
      memory,
      one: summarize(tallies.one),
      two: summarize(tallies.two),
      bare: WITH_BARE ? summarize(tallies.bare) : null,
      bareMemory,
      payloadBytes: Buffer.byteLength(JSON.stringify(toPublicSnapshot(last))),
      load,
    });
    console.log(`\n${report}\n`);
    console.log(`written to ${writeSection('Connections: 5,000 clients on one and two instances', report)}`);
  } finally {
    for (const s of sockets) s.disconnect();
    await fleet.stop().catch(() => undefined);
    await Promise.allSettled([apiA.stop(), apiB?.stop(), bare?.stop()]);
    await setup.cleanup();
  }
}

/**
 * `count` changes one after the other; for every change and client, the time from the change (the
 * snapshot's `serverTime`, taken in its transaction) to the client's receipt of `panel:state`.
 */
async function fanout(
  fleet: Fleet,
  count: number,
  clients: number,
  change: () => Promise<number>,
): Promise<{ latencies: number[]; deliveries: number; missing: number }> {
  await fleet.measure();
  for (let i = 0; i < count; i++) {
    const started = Date.now();
    const version = await change();
    if (!(await fleet.waitFor(version, DELIVERY_TIMEOUT_MS))) {
      console.log(`  version ${version}: not everyone had it after ${DELIVERY_TIMEOUT_MS} ms`);
    }
    const spent = Date.now() - started;
    if (spent < MIN_GAP_MS) await sleep(MIN_GAP_MS - spent);
  }
  const { latencies, deliveries } = await fleet.report();
  return { latencies, deliveries, missing: count * clients - deliveries };
}

interface Tally {
  runs: number[][];
  deliveries: number;
  missing: number;
  gc: GcPauses;
}
const newTally = (): Tally => ({
  runs: [],
  deliveries: 0,
  missing: 0,
  gc: { count: 0, totalMs: 0, longestMs: 0 },
});

function tally(
  t: Tally,
  run: { latencies: number[]; deliveries: number; missing: number },
  pauses: GcPauses[],
) {
  t.runs.push(run.latencies);
  t.deliveries += run.deliveries;
  t.missing += run.missing;
  for (const p of pauses) {
    t.gc.count += p.count;
    t.gc.totalMs += p.totalMs;
    t.gc.longestMs = Math.max(t.gc.longestMs, p.longestMs);
  }
}

function summarize(t: Tally): Fanout {
  const { p50, p95, p99 } = percentiles(t.runs.flat());
  return {
    p50,
    p95,
    p99,
    deliveries: t.deliveries,
    missing: t.missing,
    gc: t.gc,
    runs: t.runs.map((r) => percentiles(r).p99),
  };
}

function formatReport(r: {
  memory: Memory;
  one: Fanout;
  two: Fanout;
  bare: Fanout | null;
  bareMemory: BareMemory | null;
  payloadBytes: number;
  load: number[];
}): string {
  const { memory: m, one, two, bare } = r;
  const cpu = cpus();
  const per = (a: NodeJS.MemoryUsage, field: 'heapUsed' | 'rss') => (a[field] - m.baseline[field]) / CLIENTS;
  const memRow = (label: string, at: NodeJS.MemoryUsage) => {
    const heap = per(at, 'heapUsed');
    const rss = per(at, 'rss');
    const worst = Math.max(heap, rss);
    return `| ${label} | ${mb(at.heapUsed)} | ${mb(at.rss)} | ${kb(heap)} | ${kb(rss)} | ≤ ${kb(TARGET.bytesPerConnection)}: ${mark(worst <= TARGET.bytesPerConnection)} (${ratio(worst / TARGET.bytesPerConnection)} of it) |`;
  };
  const runs = (f: Fanout) => f.runs.map((p) => ms(p)).join(', ');
  const gc = (f: Fanout) =>
    `${f.gc.count}, ${f.gc.totalMs.toFixed(0)} ms in all, longest ${ms(f.gc.longestMs)}`;
  const twoRatio = two.p99 / one.p99;
  const bareRatio = bare ? one.p99 / bare.p99 : NaN;
  const loads = r.load.map((l) => l.toFixed(1)).join(' → ');
  return `
Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}; load average
(1 min) over the run: ${loads} (the machine is shared with other work). API instances in their own
processes; PostgreSQL and Redis on the same machine; the ${CLIENTS} clients (socket.io-client, websocket transport,
decoding only the head of each \`panel:state\`, as in the floor benchmark) spread over ${MEMBERS} client
processes, so that no single event loop queues thousands of receipts behind each other. Only loopback
traffic. Re-run: \`npm run bench:connections\`.

**Memory per idle connection** (one instance, started with \`--expose-gc\`; \`process.memoryUsage()\` after
forced collections, read over IPC by the benchmark — nothing is added to the API). Baseline: the instance after
a warm-up of ${WARMUP_CLIENTS} clients that joined, saw ${WARMUP_CHANGES} changes and left. Then ${CLIENTS}
delegates connect (token checked, own user room) and then join one live panel (panel room, presence, the
snapshot in the answer). RSS also counts what the burst of ${CLIENTS} joins made the heap grow and the
allocator kept, so it is an upper bound.

| | heap used | RSS | heap / connection | RSS / connection | target |
| --- | --- | --- | --- | --- | --- |
| baseline | ${mb(m.baseline.heapUsed)} | ${mb(m.baseline.rss)} | | | |
${memRow(`${CLIENTS} connected`, m.connected)}
${memRow(`${CLIENTS} connected and joined`, m.joined)}

The instance then held ${m.rooms.sockets} sockets on \`/live\` and ${m.rooms.namedRooms} named rooms (the
panel's, its moderators', one per user). Opening the ${CLIENTS} connections (${MEMBERS} processes, 25
handshakes at a time each) took ${(m.connectMs / 1000).toFixed(1)} s: ${Math.round(CLIENTS / (m.connectMs / 1000))}
connections/s, which bounds how fast one instance takes over the clients of one that died.

**Fan-out p99 of \`panel:state\` to all ${CLIENTS}**: the moderator (on the first instance) makes changes one at
a time, at least ${MIN_GAP_MS} ms apart (extend, pause, resume, reorder; a ${r.payloadBytes}-byte public
snapshot: one speaker, nine waiting); latency from the change's \`serverTime\` (taken in its transaction) to
the receipt at every client. "Two instances": the clients of ${Math.floor(MEMBERS / 2)} of the ${MEMBERS} client
processes reconnect to a second instance, which gets each broadcast through the Redis adapter. "Bare": the
same clients on a socket.io server that only broadcasts what a driver hands it (same payload, no Redis, no
database) — what this machine allows any server. ${ROUNDS} rounds; in each, every setup gets
${WARMUP_CHANGES} unmeasured changes and ${CHANGES} measured ones, in the order one, two, bare, then bare,
two, one, so that a drift in the machine's load weighs on all alike.

| setup | p50 | p95 | p99 | p99 of each run | deliveries | GC pauses in the server(s) | target |
| --- | --- | --- | --- | --- | --- | --- | --- |
| one instance, ${CLIENTS} clients | ${ms(one.p50)} | ${ms(one.p95)} | ${ms(one.p99)} | ${runs(one)} | ${one.deliveries} (${one.missing} missing) | ${gc(one)} | p99 ≤ ${TARGET.p99Ms} ms: ${mark(one.p99 <= TARGET.p99Ms)} (${ratio(one.p99 / TARGET.p99Ms)} of it) |
| two instances, ${CLIENTS / 2} each | ${ms(two.p50)} | ${ms(two.p95)} | ${ms(two.p99)} | ${runs(two)} | ${two.deliveries} (${two.missing} missing) | ${gc(two)} | p99 ≤ ${TARGET.twoInstances} × one instance: ${ratio(twoRatio)}, ${mark(twoRatio <= TARGET.twoInstances)} |
${
  bare
    ? `| bare socket.io, one process (reference) | ${ms(bare.p50)} | ${ms(bare.p95)} | ${ms(bare.p99)} | ${runs(bare)} | ${bare.deliveries} (${bare.missing} missing) | ${gc(bare)} | reference, no target: one instance's p99 is ${ratio(bareRatio)} this |`
    : ''
}

${bareLine(r.bareMemory, m.joined)}

Reading the fan-out: on ${cpu.length} cores the server, the ${MEMBERS} client processes, PostgreSQL and Redis share the
CPUs, and a write on loopback does the receiving side's TCP work inside the sender's system call (\`writev\` is
most of an instance's busy time in a CPU profile: \`BENCH_CPU_PROF=<dir>\`). Two instances write their halves
at the same time, which is why they do better than one here; on separate machines each would also have its
own CPUs. Rostrum's distance from the bare server is the end of the change's transaction and its commit (the
\`serverTime\` is taken inside it) and the work PostgreSQL and Redis do for each change on the same cores; the
collectors' pauses (column) are alike.
`;
}

/** The bare server's memory per joined connection, for comparison with the instance's. */
function bareLine(b: BareMemory | null, instance: NodeJS.MemoryUsage): string {
  if (!b?.joined) return '';
  const heap = (b.joined.heapUsed - b.baseline.heapUsed) / CLIENTS;
  return (
    `For comparison, a connection to the bare server, in its one room, costs ${kb(heap)} of heap; its heap ` +
    `with all ${CLIENTS} is ${mb(b.joined.heapUsed)}, the instance's ${mb(instance.heapUsed)}.`
  );
}

function perConnectionLine(m: Memory): string {
  const heap = (m.joined.heapUsed - m.baseline.heapUsed) / CLIENTS;
  const rss = (m.joined.rss - m.baseline.rss) / CLIENTS;
  return `  per joined connection: heap ${kb(heap)}, RSS ${kb(rss)} (target ≤ ${kb(TARGET.bytesPerConnection)})`;
}

/** Splits `items` into consecutive parts of the given sizes, and the rest. */
function split<T>(items: T[], sizes: number[]): T[][] {
  const parts: T[][] = [];
  let at = 0;
  for (const size of sizes) parts.push(items.slice(at, (at += size)));
  return [...parts, items.slice(at)];
}

const mark = (pass: boolean) => (pass ? 'met' : '**missed**');
const ratio = (x: number) => `${Number.isFinite(x) ? x.toFixed(2) : '–'} ×`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
