// `npm run bench:handshakes`: signed-in socket handshakes a second on one API instance, with the token given
// as `auth.token` (what scripts send; "bearer") and as the `rostrum_session` cookie (what browsers send).
// Each handshake verifies the token (HS256, issuer, audience) and checks in Redis that it was not revoked,
// that the user is not cooling off after a flood and holds fewer than 10 sockets. Size: BENCH_HANDSHAKES
// (3000 distinct users per round), BENCH_ROUNDS (3 per mode), BENCH_CLIENT_PROCESSES (4),
// BENCH_HANDSHAKE_MODES (`bearer,cookie`). BENCH_BEFORE_CHECKOUT: a copy of the code before (e.g.
// `git archive <commit> | tar -x -C <dir>`, node_modules linked in): an API instance of it runs beside this
// one and rounds alternate between the two, so both see the same load on a shared machine. Writes its
// section of docs/benchmarks.md.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { createBenchSetup, seedDelegates } from './lib/bench-setup';
import type { TokenVia } from './lib/clients';
import { CLIENT_PROCESSES, Fleet } from './lib/fleet';
import { ensureFileLimit, limitRunTime, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { sleep } from './lib/stats';

const HANDSHAKES = Number(process.env.BENCH_HANDSHAKES ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MODES = (process.env.BENCH_HANDSHAKE_MODES ?? 'bearer,cookie').split(',') as Mode[];
const BEFORE_CHECKOUT = process.env.BENCH_BEFORE_CHECKOUT;
const WARMUP = 500;
/** Lets the instance settle between rounds (closed sockets released, presence written). */
const SETTLE_MS = 2000;

type Mode = 'bearer' | 'cookie' | 'before';
const VIA: Record<Mode, TokenVia> = { bearer: 'auth', cookie: 'cookie', before: 'auth' };

async function main(): Promise<void> {
  ensureFileLimit(HANDSHAKES + 1000);
  limitRunTime(15 * 60_000);
  const load = [loadavg()[0]];
  const setup = await createBenchSetup();
  const api = await startChild('api-process.ts', setup.env);
  const before = BEFORE_CHECKOUT ? await startChild('api-process.ts', setup.env, [], BEFORE_CHECKOUT) : null;
  const modes: Mode[] = before ? ['before', ...MODES] : MODES;
  const fleet = await Fleet.start(CLIENT_PROCESSES);
  try {
    const users = await seedDelegates(setup.db, WARMUP + HANDSHAKES);
    const urlOf = (mode: Mode) => `http://127.0.0.1:${mode === 'before' ? before!.port : api.port}`;
    const warmup = users.slice(0, WARMUP).map((u) => setup.issue(u));
    const tokens = users.slice(WARMUP).map((u) => setup.issue(u));
    for (const mode of modes) {
      await fleet.connect(warmup, () => urlOf(mode), VIA[mode]);
      await fleet.disconnect();
    }
    await sleep(SETTLE_MS);

    const rates: Record<Mode, number[]> = { bearer: [], cookie: [], before: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of modes) {
        const started = Date.now();
        await fleet.connect(tokens, () => urlOf(mode), VIA[mode]);
        const perSecond = HANDSHAKES / ((Date.now() - started) / 1000);
        rates[mode].push(perSecond);
        console.log(`round ${round + 1}, ${mode}: ${Math.round(perSecond)} handshakes/s`);
        await fleet.disconnect();
        await sleep(SETTLE_MS);
        load.push(loadavg()[0]);
      }
    }
    const file = writeSection('Authenticated handshakes', report(rates, load));
    console.log(`wrote ${file}`);
  } finally {
    await fleet.stop();
    await api.stop();
    await before?.stop();
    await setup.cleanup();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function report(rates: Record<Mode, number[]>, load: number[]): string {
  const reference = rates.before.length ? median(rates.before) : 0;
  const row = (mode: Mode, label: string) => {
    const runs = rates[mode];
    if (!runs.length) return '';
    const m = median(runs);
    const change =
      reference && mode !== 'before' ? `${Math.round(((m - reference) / reference) * 100)} %` : '';
    return `| ${label} | ${Math.round(m)} | ${runs.map(Math.round).join(', ')} | ${change} |`;
  };
  return `
Signed-in \`/live\` handshakes a second on one API instance: ${HANDSHAKES} distinct delegates per round connect
(${CLIENT_PROCESSES} client processes, 25 handshakes at a time each), then all disconnect; ${ROUNDS} rounds per
row, alternating between the rows, after a warm-up of ${WARMUP}. Each handshake verifies the token (HS256,
\`iss\`/\`aud\`) and asks Redis, in one wait, whether it was revoked, whether the user is cooling off after a
flood, and whether they hold fewer than 10 sockets. "The code before": an instance of the code before
revocable sessions (token check and the flood cool-off only), run beside this one on the same database and
Redis, so that both rows see the same load. Load average (1 min) over the run: ${load
    .map((l) => l.toFixed(1))
    .join(', ')} (the machine is shared with other work: compare rows of one run, not runs). Re-run:
\`npm run bench:handshakes\` (with \`BENCH_BEFORE_CHECKOUT\` for the first row).

| token given as | handshakes/s (median) | rounds | vs. the code before |
| --- | --- | --- | --- |
${[row('before', '`auth.token`, the code before'), row('bearer', '`auth.token` (bearer)'), row('cookie', '`rostrum_session` cookie')].filter(Boolean).join('\n')}
`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
