// `npm run bench:silent`: how long a command waits for its SERVICE_UNAVAILABLE while PostgreSQL is silent (a
// partition: connections open, nothing answers). One API process reaches its database through a loopback TCP
// proxy; each round a moderator holds the floor's line with one command while the proxy goes silent, then a
// second command on the same connection and a delegate's on the panel follow; all are timed to their answer.
// Half the rounds run beside a busy process (a CPU spinner). The promise (docs/resilience.md) — answered by
// the query deadline, statement_timeout 15 s + 2 s — is measured here rather than in a test a loaded machine
// fails now and then. Writes its section of docs/benchmarks.md.
// Size: BENCH_ROUNDS (4, half of them busy); each round takes about 20 s.
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { Socket } from 'socket.io-client';
import { makeDelegation, makePanel, makeUser, proxyFor } from '@rostrum/test-harness';
import { createBenchSetup } from './lib/bench-setup';
import { connectOne } from './lib/clients';
import { limitRunTime, spinOneCore, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { percentiles, sleep } from './lib/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
/** The bound the fault test holds: the deadline (17 s) plus 3 s. */
const TARGET_MS = 20_000;
const TIME_LIMIT_MS = 10 * 60_000;

interface Answered {
  busy: boolean;
  what: string;
  ms: number;
  code: string;
}

async function main(): Promise<void> {
  limitRunTime(TIME_LIMIT_MS);
  console.log(`PostgreSQL-silent benchmark: ${ROUNDS} rounds`);
  const setup = await createBenchSetup();
  const proxy = await proxyFor(setup.env.DATABASE_URL).start();
  const api = await startChild('api-process.ts', {
    ...setup.env,
    DATABASE_URL: proxy.route(setup.env.DATABASE_URL),
  });
  const url = `http://127.0.0.1:${api.port}`;
  const sockets: Socket[] = [];
  let spinner: ChildProcess | undefined;
  const answers: Answered[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const busy = i % 2 === 1;
      const moderator = await makeUser(setup.db, 'moderator');
      const delegation = await makeDelegation(setup.db);
      const delegate = await makeUser(setup.db, 'delegate', { delegationId: delegation.id });
      const panelId = (await makePanel(setup.db, { moderators: [moderator], status: 'live' })).id;
      const mod = await connectOne(url, setup.issue(moderator));
      const del = await connectOne(url, setup.issue(delegate));
      sockets.push(mod, del);
      await timed(mod, 'panel:join', { panelId });
      await timed(del, 'panel:join', { panelId });
      if (busy) spinner = spinOneCore();
      proxy.blackHole();
      const sent = [
        ['moderator, first', timed(mod, 'floor:next', { panelId })],
        ['moderator, second', timed(mod, 'queue:close', { panelId })],
        ['delegate', timed(del, 'floor:request', { panelId, kind: 'statement', requestId: `r${i}` })],
        ['delegate, read', timed(del, 'panel:join', { panelId })],
      ] as const;
      for (const [what, answer] of sent) answers.push({ busy, what, ...(await answer) });
      const round = answers.slice(-sent.length).map((a) => `${a.what} ${a.ms} ms ${a.code}`);
      console.log(`  round ${i + 1}${busy ? ' (busy)' : ''}: ${round.join('; ')}`);
      spinner?.kill('SIGKILL');
      spinner = undefined;
      proxy.heal();
      await healthy(url);
    }
  } finally {
    spinner?.kill('SIGKILL');
    proxy.heal();
    for (const s of sockets) s.disconnect();
    await api.stop();
    await proxy.cut();
    await setup.cleanup();
  }

  const row = (label: string, busy: boolean) => {
    const sample = answers.filter((a) => a.busy === busy).map((a) => a.ms);
    const p = percentiles(sample, [50, 95]);
    return `| ${label} | ${sample.length} | ${p.p50} ms | ${p.p95} ms | ${Math.max(...sample)} ms |`;
  };
  const worst = Math.max(...answers.map((a) => a.ms));
  const codes = [...new Set(answers.map((a) => a.code))].join(', ');
  const body = `
\`npm run bench:silent\` (BENCH_ROUNDS=${ROUNDS}): the API's PostgreSQL goes silent (a black-holed TCP proxy)
while a moderator's command waits on the panel's row; then the moderator's second command (same connection),
a delegate's request (same panel) and a delegate's \`panel:join\` (a read). Each is timed from its sending to its
answer (${codes}). Busy rounds run beside a process spinning one core.

| rounds | answers | p50 | p95 | worst |
| --- | --- | --- | --- | --- |
${row('idle', false)}
${row('busy', true)}

Target: every command answered SERVICE_UNAVAILABLE within ${TARGET_MS / 1000} s (the query deadline, statement_timeout
15 s + 2 s, plus 3 s): ${worst <= TARGET_MS && codes === 'SERVICE_UNAVAILABLE' ? 'met' : 'NOT met'} (worst ${worst} ms).

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}.
`;
  console.log(body);
  console.log(`written to ${writeSection('PostgreSQL silent: time to SERVICE_UNAVAILABLE', body)}`);
  if (worst > TARGET_MS || codes !== 'SERVICE_UNAVAILABLE') process.exitCode = 1;
}

/** Sends a command; its answer's error code ('ok' if none) and how long it took. */
async function timed(socket: Socket, event: string, payload: unknown) {
  const started = Date.now();
  const answer = await socket
    .timeout(60_000)
    .emitWithAck(event, payload)
    .catch(() => ({ ok: false, error: { code: 'NO ANSWER' } }));
  return { ms: Date.now() - started, code: answer.ok ? 'ok' : String(answer.error.code) };
}

async function healthy(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}/api/health`).catch(() => null);
    if (res?.status === 200) return;
    await sleep(200);
  }
  throw new Error('the API did not become healthy again');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
