// `npm run bench:timeup`: how late a speech's time-up comes when the API instance that granted the floor is
// killed (SIGKILL) right after granting it. Two API processes on one database and Redis: each round starts a
// granting instance, grants a short speech there, kills it, and a delegate connected to the survivor notes
// when `floor:timeup` arrives. Half the rounds run beside a busy process (a CPU spinner), as CI does beside
// other suites; in half of them the job is removed too, as when the instance dies between the grant's commit
// and scheduling its job (then the survivors' sweeper announces it). The product's promise (docs/resilience.md) is checked here, not in a test that a loaded
// machine fails one run in five. Writes its section of docs/benchmarks.md.
// Size: BENCH_ROUNDS (12: a quarter each of idle / busy, job there / lost), BENCH_SECONDS (the speech: 2 s, shorter than BullMQ's 5 s
// default drainDelay, which is what made it late).
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { Socket } from 'socket.io-client';
import { Queue } from 'bullmq';
import { loadConfig, queueRootOptions } from '@rostrum/config';
import { PanelSnapshot, QUEUES } from '@rostrum/contracts';
import { makeDelegation, makePanel, makeUser } from '@rostrum/test-harness';
import { timeUpJobId } from '../apps/api/src/floor/floor-timers.service';
import { createBenchSetup } from './lib/bench-setup';
import { command, connectOne } from './lib/clients';
import { limitRunTime, spinOneCore, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { percentiles } from './lib/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
/** The bound docs/resilience.md states: the sweeper's grace (2 s) and period (2–3 s). */
const TARGET_MS = 5000;
const TIME_LIMIT_MS = 10 * 60_000;

interface Round {
  busy: boolean;
  lost: boolean;
  lateMs: number;
}

async function main(): Promise<void> {
  limitRunTime(TIME_LIMIT_MS);
  console.log(
    `time-up failover benchmark: ${ROUNDS} rounds, ${SECONDS} s speeches, granting instance killed`,
  );
  const setup = await createBenchSetup();
  const survivor = await startChild('api-process.ts', setup.env);
  const queue = new Queue(QUEUES.floorTimers, queueRootOptions(loadConfig(setup.env)));
  const sockets: Socket[] = [];
  // A long speech on another panel, as in a conference with several panels live: every worker then knows a
  // later delayed job and blocks for up to 10 s (BullMQ's ceiling) instead of its drainDelay.
  sockets.push(...(await grantedSpeech(setup, survivor.port, survivor.port, 600)).sockets);
  let spinner: ChildProcess | undefined;
  const rounds: Round[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const busy = i % 2 === 1;
      const lost = Math.floor(i / 2) % 2 === 1;
      if (busy) spinner = spinOneCore();
      const granting = await startChild('api-process.ts', setup.env);
      const {
        sockets: pair,
        watcher,
        granted,
      } = await grantedSpeech(setup, granting.port, survivor.port, SECONDS);
      sockets.push(...pair);
      const timeUp = new Promise<number>((resolve) =>
        watcher.once('floor:timeup', () => resolve(Date.now())),
      );
      granting.process.kill('SIGKILL');
      const key = `${granted.speaker!.id}-${SECONDS}-0`; // clockKey: no pause
      if (lost) await queue.remove(timeUpJobId(key));
      const due = Date.parse(granted.clock!.startedAt) + SECONDS * 1000;
      const lateMs = (await withTimeout(timeUp, SECONDS * 1000 + 30_000)) - due;
      rounds.push({ busy, lost, lateMs });
      const how = [busy && 'busy', lost && 'job lost'].filter(Boolean).join(', ');
      console.log(`  round ${i + 1}${how ? ` (${how})` : ''}: time-up ${lateMs} ms after its time`);
      spinner?.kill('SIGKILL');
      spinner = undefined;
    }
  } finally {
    spinner?.kill('SIGKILL');
    for (const s of sockets) s.disconnect();
    await survivor.stop();
    await queue.close();
    await setup.cleanup();
  }

  const row = (label: string, sample: number[]) => {
    const p = percentiles(sample, [50, 95]);
    return `| ${label} | ${sample.length} | ${p.p50} ms | ${p.p95} ms | ${Math.max(...sample)} ms | ${Math.min(...sample)} ms |`;
  };
  const of = (busy: boolean, lost: boolean) =>
    rounds.filter((r) => r.busy === busy && r.lost === lost).map((r) => r.lateMs);
  const worst = Math.max(...rounds.map((r) => r.lateMs));
  const body = `
\`npm run bench:timeup\` (BENCH_ROUNDS=${ROUNDS}, BENCH_SECONDS=${SECONDS}): the API instance that granted a
${SECONDS} s speech is killed (SIGKILL) at once; a delegate on the surviving instance notes \`floor:timeup\`. Late =
arrival − (startedAt + ${SECONDS} s). Busy rounds run beside a process spinning one core; "job lost" rounds also
remove the speech's job, as when the instance dies between the commit and scheduling it. A speech of 10 min
runs on another panel throughout, so every worker waits for a later job.

| rounds | n | p50 late | p95 late | worst | earliest |
| --- | --- | --- | --- | --- | --- |
${row('job there, idle', of(false, false))}
${row('job there, busy', of(true, false))}
${row('job lost, idle', of(false, true))}
${row('job lost, busy', of(true, true))}

Target: every time-up within ${TARGET_MS / 1000} s of its time (docs/resilience.md): ${worst <= TARGET_MS ? 'met' : 'NOT met'} (worst ${worst} ms).

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}.
`;
  console.log(body);
  console.log(`written to ${writeSection('Time-up when the granting instance dies', body)}`);
  if (worst > TARGET_MS) process.exitCode = 1;
}

/** A live panel whose moderator (on `modPort`) grants a speech of `seconds` to a delegate (on `watcherPort`). */
async function grantedSpeech(
  setup: Awaited<ReturnType<typeof createBenchSetup>>,
  modPort: number,
  watcherPort: number,
  seconds: number,
) {
  const moderator = await makeUser(setup.db, 'moderator');
  const delegation = await makeDelegation(setup.db);
  const delegate = await makeUser(setup.db, 'delegate', { delegationId: delegation.id });
  const panelId = (await makePanel(setup.db, { moderators: [moderator], status: 'live' })).id;
  const mod = await connectOne(`http://127.0.0.1:${modPort}`, setup.issue(moderator));
  const watcher = await connectOne(`http://127.0.0.1:${watcherPort}`, setup.issue(delegate));
  await command(mod, 'panel:join', { panelId });
  await command(watcher, 'panel:join', { panelId });
  const asked = await command<{ intervention: { id: string } }>(watcher, 'floor:request', {
    panelId,
    kind: 'statement',
  });
  const granted = await command<PanelSnapshot>(mod, 'floor:grant', {
    panelId,
    interventionId: asked.intervention.id,
    seconds,
  });
  return { sockets: [mod, watcher], watcher, granted };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no floor:timeup within ${ms} ms`)), ms)),
  ]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
