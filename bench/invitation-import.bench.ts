// `npm run bench:import`: `POST /api/events/:id/invitations/import` of a 5,000-row CSV (size with
// BENCH_IMPORT_ROWS) on one API instance in its own process, as staff upload it: a dry run (parse, check
// every row, look up the emails already invited) and the import itself (the same, then one INSERT of
// every invitation with its own hashed code). Each round uses a fresh event, so every import creates
// every row. Targets: dry run < 3 s, import < 10 s. Writes its section of docs/benchmarks.md.
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { makeDelegation, makeEvent, makeUser } from '@rostrum/test-harness';
import { createBenchSetup } from './lib/bench-setup';
import { limitRunTime, startChild } from './lib/processes';
import { writeSection } from './lib/report';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const ROUNDS = 3;
const TARGET = { dryRun: 3000, import: 10_000 };
const HEADER = 'name,email,role,delegation_code,language,focal_point';
const NAMES = ['Ana Pereira', '王秀英', 'محمد عبد الله', 'Claire Dubois', 'Ірина Коваленко', 'Wanjiru Kamau'];
const CODES = ['BRA', 'CHN', 'EGY', 'FRA', 'UKR', 'KEN'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A file as staff export it from a spreadsheet: names in several scripts, every delegation, some focal points. */
function csvOf(rows: number, round: number): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    const k = i % NAMES.length;
    const language = ['en', 'fr', 'zh', ''][i % 4];
    return `${NAMES[k]} ${i},person-${round}-${i}@example.org,delegate,${CODES[k]},${language},${i % 50 === 0 ? 'yes' : ''}`;
  });
  return `${HEADER}\n${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  limitRunTime(15 * 60_000);
  const load = [loadavg()[0]];
  const setup = await createBenchSetup();
  const api = await startChild('api-process.ts', setup.env);
  try {
    for (const [k, code] of CODES.entries())
      await makeDelegation(setup.db, { code, name: `Delegation ${k}` });
    const staff = await makeUser(setup.db, 'staff');
    const token = setup.issue(staff);
    const upload = async (eventId: string, csv: string, dryRun: boolean) => {
      const t0 = performance.now();
      const res = await fetch(
        `http://127.0.0.1:${api.port}/api/events/${eventId}/invitations/import?dryRun=${dryRun}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          body: csv,
        },
      );
      const ms = performance.now() - t0;
      const report = (await res.json()) as {
        rows: number;
        valid: number;
        created: number;
        errors: unknown[];
      };
      if (res.status !== 200 || report.errors.length || report.valid !== ROWS) {
        throw new Error(`import answered ${res.status}: ${JSON.stringify(report).slice(0, 500)}`);
      }
      if (!dryRun && report.created !== ROWS) throw new Error(`created ${report.created} of ${ROWS}`);
      return ms;
    };

    const sizes: number[] = [];
    const dry: number[] = [];
    const real: number[] = [];
    // A warm-up round, not counted: the first request compiles the route's code paths.
    await upload((await makeEvent(setup.db)).id, csvOf(ROWS, -1), true);
    for (let round = 0; round < ROUNDS; round++) {
      const event = await makeEvent(setup.db, { title: `Import ${round}` });
      const csv = csvOf(ROWS, round);
      sizes.push(Buffer.byteLength(csv));
      dry.push(await upload(event.id, csv, true));
      real.push(await upload(event.id, csv, false));
      console.log(
        `round ${round + 1}: dry run ${dry.at(-1)!.toFixed(0)} ms, import ${real.at(-1)!.toFixed(0)} ms`,
      );
      load.push(loadavg()[0]);
    }
    const dryMs = median(dry);
    const importMs = median(real);
    const met = (ms: number, target: number) => (ms < target ? '(met)' : '(**not met** at this load)');
    writeSection(
      'Bulk invitations: importing a CSV',
      `\`npm run bench:import\` (\`bench/invitation-import.bench.ts\`) uploads a CSV of ${ROWS.toLocaleString('en')} invitations
(${(median(sizes) / 1e6).toFixed(2)} MB: names in Latin, Chinese, Arabic and Cyrillic scripts, six delegations, some focal
points) to \`POST /api/events/:id/invitations/import\` on one API instance in its own process, as staff do: first with
\`dryRun=true\` (parse, check every row, look up which emails are already invited), then for real (the same, then
one INSERT of every invitation, each with its own hashed code, in one transaction). A fresh event each round, so
every import creates every row; mail not sent (\`send=false\`). Median of ${ROUNDS} rounds after a warm-up, on
${cpus().length} cores (load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the run: wall
times grow with it).

| measure | figure | target |
| --- | --- | --- |
| dry run of ${ROWS.toLocaleString('en')} rows | ${dryMs.toFixed(0)} ms | < ${TARGET.dryRun} ms ${met(dryMs, TARGET.dryRun)} |
| import of ${ROWS.toLocaleString('en')} rows | ${importMs.toFixed(0)} ms | < ${TARGET.import} ms ${met(importMs, TARGET.import)} |
| per row, import | ${((importMs * 1000) / ROWS).toFixed(0)} µs | |`,
    );
    console.log(
      `dry run ${dryMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms; written to docs/benchmarks.md`,
    );
    if (dryMs >= TARGET.dryRun || importMs >= TARGET.import) process.exitCode = 1;
  } finally {
    await api.stop();
    await setup.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
