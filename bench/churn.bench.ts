// `npm run bench:churn`: waves of clients that connect to one API instance, join panels and leave, to show
// that nothing stays behind: the instance's heap after forced collections (first wave against last), the
// rooms its socket.io adapter holds, and the presence keys in Redis. Writes its section of docs/benchmarks.md.
// Size: BENCH_WAVES (10), BENCH_WAVE_CLIENTS (2000), BENCH_CLIENT_PROCESSES (4).
import 'reflect-metadata';
import Redis from 'ioredis';
import { cpus, loadavg } from 'node:os';
import type { Socket } from 'socket.io-client';
import { makePanel, makeUser } from '@rostrum/test-harness';
import type { RoomsProbe } from './lib/api-process';
import { createBenchSetup, scanKeys, seedDelegates } from './lib/bench-setup';
import { command, connectOne } from './lib/clients';
import { CLIENT_PROCESSES, Fleet } from './lib/fleet';
import { Child, ensureFileLimit, limitRunTime, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { sleep } from './lib/stats';

const WAVES = Number(process.env.BENCH_WAVES ?? 10);
const WAVE_CLIENTS = Number(process.env.BENCH_WAVE_CLIENTS ?? 2000);
const MEMBERS = CLIENT_PROCESSES;
/** Panels per wave, new ones every wave: what a panel leaves behind counts too. */
const PANELS_PER_WAVE = 4;
/** One client in ten is a public viewer (no token). */
const PUBLIC_EVERY = 10;
/** Lets presence write the wave's counts (every 500 ms) before everyone leaves. */
const SETTLE_MS = 3000;
const DISCONNECT_TIMEOUT_MS = 15_000;
/** Presence writes every 500 ms and its announcement lock lives 2 s: anything left after 10 s stays. */
const CLEAR_TIMEOUT_MS = 10_000;
const TIME_LIMIT_MS = 15 * 60_000;
const TARGET = { heapGrowth: 0.05 };

interface Wave {
  heapUsed: number;
  rss: number;
  rooms: RoomsProbe;
  /** Presence keys still in Redis after CLEAR_TIMEOUT_MS. */
  presenceKeys: string[];
  /** From the last socket gone to no room and no presence key left (or the timeout). */
  clearedMs: number;
  seconds: number;
}

async function main(): Promise<void> {
  ensureFileLimit(WAVE_CLIENTS + 1000);
  limitRunTime(TIME_LIMIT_MS);
  const load = [loadavg()[0]];
  console.log(`churn benchmark: 1 warm-up and ${WAVES} waves of ${WAVE_CLIENTS} clients`);
  const setup = await createBenchSetup();
  const { db } = setup;
  const api = await startChild('api-process.ts', setup.env, ['--expose-gc']);
  const redis = new Redis(setup.redisUrl);
  try {
    const moderator = await makeUser(db, 'moderator');
    const delegates = await seedDelegates(db, WAVE_CLIENTS);
    const tokens = delegates.map((d, i) => (i % PUBLIC_EVERY === 0 ? null : setup.issue(d)));
    const url = `http://127.0.0.1:${api.port}`;
    const waves: Wave[] = [];
    for (let wave = 0; wave <= WAVES; wave++) {
      const started = Date.now();
      const panels = await Promise.all(
        Array.from({ length: PANELS_PER_WAVE }, (_, i) =>
          makePanel(db, { moderators: [moderator], status: 'live', title: `Wave ${wave} panel ${i}` }),
        ),
      );
      await runWave(url, tokens, panels, setup.issue(moderator));
      const result = await afterWave(api, redis, setup.prefix);
      result.seconds = (Date.now() - started) / 1000;
      console.log(
        `${wave === 0 ? 'warm-up' : `wave ${wave}`}: heap ${mb(result.heapUsed)}, ${result.rooms.sockets} sockets, ` +
          `${result.rooms.namedRooms} rooms, ${result.presenceKeys.length} presence keys left, cleared in ` +
          `${(result.clearedMs / 1000).toFixed(1)} s (load ${loadavg()[0].toFixed(1)})`,
      );
      if (wave > 0) waves.push(result);
      load.push(loadavg()[0]);
    }
    const report = formatReport(waves, load);
    console.log(`\n${report}\n`);
    console.log(`written to ${writeSection('Connections: waves of clients joining and leaving', report)}`);
  } finally {
    await redis.quit();
    await api.stop();
    await setup.cleanup();
  }
}

/**
 * One wave: fresh client processes connect every client, each process's clients join one of the wave's
 * panels, the moderator changes each panel twice (broadcasts, presence), then everyone goes, in three
 * ways: `panel:leave` then disconnect, disconnect, and the process killed (no goodbye on the wire).
 */
async function runWave(
  url: string,
  tokens: (string | null)[],
  panels: { id: string }[],
  moderatorToken: string,
): Promise<void> {
  const fleet = await Fleet.start(MEMBERS);
  let mod: Socket | null = null;
  try {
    await fleet.connect(tokens, () => url);
    await Promise.all(
      fleet.members.map((m, i) =>
        fleet.command('panel:join', { panelId: panels[i % panels.length].id }, [m]),
      ),
    );
    mod = await connectOne(url, moderatorToken);
    for (const { id: panelId } of panels) {
      await command(mod, 'panel:join', { panelId });
      await command(mod, 'queue:close', { panelId });
      await command(mod, 'queue:open', { panelId });
    }
    await sleep(SETTLE_MS);
    const [leaving, ...rest] = fleet.members;
    const killed = rest.slice(-Math.max(1, Math.floor(MEMBERS / 4)));
    await fleet.command('panel:leave', { panelId: panels[0].id }, [leaving]);
    await fleet.disconnect(fleet.members.filter((m) => !killed.includes(m)));
    await fleet.kill(killed);
    mod.disconnect();
    mod = null;
  } finally {
    mod?.disconnect();
    await fleet.stop().catch(() => undefined);
  }
}

/**
 * Waits for the instance to see every client gone, then for its rooms and the presence keys to clear
 * (presence writes every 500 ms; an announcement lock lives 2 s), and reads what remains.
 */
async function afterWave(api: Child, redis: Redis, prefix: string): Promise<Wave> {
  const goneBy = Date.now() + DISCONNECT_TIMEOUT_MS;
  while ((await api.ask<RoomsProbe>({ probe: 'rooms' })).sockets > 0 && Date.now() < goneBy) await sleep(200);
  const started = Date.now();
  let rooms: RoomsProbe;
  let keys: string[];
  for (;;) {
    rooms = await api.ask<RoomsProbe>({ probe: 'rooms' });
    keys = await scanKeys(redis, `${prefix}:presence:*`);
    if (rooms.sockets + rooms.namedRooms + keys.length === 0 || Date.now() - started > CLEAR_TIMEOUT_MS)
      break;
    await sleep(250);
  }
  const clearedMs = Date.now() - started;
  const memory = await api.ask<NodeJS.MemoryUsage>({ probe: 'memory' });
  if (process.env.BENCH_HEAP_SNAPSHOTS) {
    await api.ask({
      probe: 'heap-snapshot',
      path: `${process.env.BENCH_HEAP_SNAPSHOTS}/after-${Date.now()}.heapsnapshot`,
    });
  }
  return { heapUsed: memory.heapUsed, rss: memory.rss, rooms, presenceKeys: keys, clearedMs, seconds: 0 };
}

function formatReport(waves: Wave[], load: number[]): string {
  const first = waves[0];
  const last = waves[waves.length - 1];
  const growth = (last.heapUsed - first.heapUsed) / first.heapUsed;
  const lowest = Math.min(...waves.map((w) => w.heapUsed));
  const rise = (last.heapUsed - lowest) / lowest;
  const leftovers = waves.reduce(
    (n, w) => n + w.rooms.sockets + w.rooms.namedRooms + w.presenceKeys.length,
    0,
  );
  const slowest = Math.max(...waves.map((w) => w.clearedMs));
  const cpu = cpus();
  const rows = waves
    .map(
      (w, i) =>
        `| ${i + 1} | ${mb(w.heapUsed)} | ${mb(w.rss)} | ${w.rooms.sockets} | ${w.rooms.namedRooms}${w.rooms.sample.length ? ` (${w.rooms.sample.join(', ')})` : ''} | ${w.presenceKeys.length}${w.presenceKeys.length ? ` (${w.presenceKeys.slice(0, 2).join(', ')})` : ''} | ${(w.clearedMs / 1000).toFixed(1)} s | ${w.seconds.toFixed(1)} s |`,
    )
    .join('\n');
  return `
Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}; load average (1 min)
over the run: ${load.map((l) => l.toFixed(1)).join(' → ')}. One API instance in its own process (started with
\`--expose-gc\`), probed over IPC; PostgreSQL and Redis on the same machine. Re-run: \`npm run bench:churn\`
(\`BENCH_WAVES\`, \`BENCH_WAVE_CLIENTS\` change the size).

Each wave: ${WAVE_CLIENTS} clients (one in ${PUBLIC_EVERY} a public viewer, the rest delegates) in ${MEMBERS} fresh client
processes connect, each process's clients join one of ${PANELS_PER_WAVE} new live panels, a moderator changes
each panel twice, then everyone goes: one process's clients send \`panel:leave\` and disconnect, others
disconnect, and ${Math.max(1, Math.floor(MEMBERS / 4))} process is killed (its connections end with no goodbye).
Once the instance has seen every socket go, the benchmark waits up to ${CLEAR_TIMEOUT_MS / 1000} s for the rooms its adapter
holds (other than a connected socket's own) and the keys under \`<prefix>:presence:*\` in Redis to clear
(presence writes every 500 ms; its announcement lock lives 2 s), then reads what is left and the instance's heap
after forced collections. A warm-up wave runs first and is not counted.

| measure | result | target |
| --- | --- | --- |
| heap after wave 1 → after wave ${waves.length} | ${mb(first.heapUsed)} → ${mb(last.heapUsed)} | |
| heap growth | ${(growth * 100).toFixed(2)} % | < ${TARGET.heapGrowth * 100} %: ${mark(growth < TARGET.heapGrowth)} (${(growth / TARGET.heapGrowth).toFixed(2)} × the limit) |
| heap rise from the lowest wave to the last | ${(rise * 100).toFixed(2)} % | < ${TARGET.heapGrowth * 100} %: ${mark(rise < TARGET.heapGrowth)} (${(rise / TARGET.heapGrowth).toFixed(2)} × the limit) |
| sockets, rooms and presence keys left after the waves | ${leftovers} | 0: ${mark(leftovers === 0)} |
| slowest clearing (last socket gone → nothing left) | ${(slowest / 1000).toFixed(1)} s | |

| wave | heap used | RSS | sockets left | rooms left | presence keys left | cleared in | wave took |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows}
`;
}

const mark = (pass: boolean) => (pass ? 'met' : '**missed**');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
