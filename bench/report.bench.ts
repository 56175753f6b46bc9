// `npm run bench:report`: `GET /api/events/:id/report` over an event of 10 panels, each with 500 finished
// interventions, 5,000 questions, a day of attendance samples (1,440 a panel) and 200 delegates who joined,
// from 200 delegations in 8 regional groups. One API process; requests one at a time after a warm-up, as a
// secretariat's page asks. Target: p95 < 300 ms. Writes its section of docs/benchmarks.md.
// Size: BENCH_REPORT_REQUESTS (200).
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { makeEvent, makePanel, makeUser } from '@rostrum/test-harness';
import { createBenchSetup, seedDelegates } from './lib/bench-setup';
import { limitRunTime, startChild } from './lib/processes';
import { writeSection } from './lib/report';
import { ms, percentiles } from './lib/stats';

const PANELS = 10;
const INTERVENTIONS = 500;
const QUESTIONS = 5000;
const MINUTES = 1440;
const REQUESTS = Number(process.env.BENCH_REPORT_REQUESTS ?? 200);
const WARM_UP = 10;
const TARGET_MS = 300;
const REGIONS = [
  'African Group',
  'Asia and the Pacific Group',
  'Group B',
  'GRULAC',
  'CEBS',
  'CACEET',
  'China',
  null,
];

async function main(): Promise<void> {
  limitRunTime(10 * 60_000);
  const loadAtStart = loadavg()[0];
  const setup = await createBenchSetup();
  const api = await startChild('api-process.ts', setup.env);
  try {
    const { db } = setup;
    const staff = await makeUser(db, 'staff');
    const moderator = await makeUser(db, 'moderator');
    const delegates = await seedDelegates(db, 2000);
    await db.query(
      `UPDATE delegations SET region = ($1::text[])[1 + abs(hashtext(id::text)) % array_length($1::text[], 1)]`,
      [REGIONS],
    );
    const event = await makeEvent(db, { title: 'Benchmark event' });
    const day = Date.UTC(2026, 10, 4);
    const seedStart = performance.now();
    for (let p = 0; p < PANELS; p++) {
      const panel = await makePanel(db, { event, moderators: [moderator], status: 'ended' });
      const ids = delegates.map((d) => d.id);
      const delegationOf = delegates.map((d) => d.delegationId);
      await db.query(
        `INSERT INTO interventions (panel_id, delegate_id, delegation_id, kind, status, requested_at, started_at,
                                    ended_at, allotted_seconds, spoken_seconds, end_reason)
         SELECT $1, ($2::uuid[])[1 + g % 2000], ($3::uuid[])[1 + g % 2000],
                (ARRAY['statement', 'question', 'point_of_order', 'right_of_reply'])[1 + g % 4], 'done',
                to_timestamp($4 / 1000.0) + make_interval(secs => g * 100),
                to_timestamp($4 / 1000.0) + make_interval(secs => g * 100 + 5 + g % 300),
                to_timestamp($4 / 1000.0) + make_interval(secs => g * 100 + 95),
                180, 30 + g % 150, 'ended'
         FROM generate_series(1, $5) g`,
        [panel.id, ids, delegationOf, day, INTERVENTIONS],
      );
      await db.query(
        `INSERT INTO questions (panel_id, author_id, delegation_id, text, status, votes, created_at, approved_at)
         SELECT $1, ($2::uuid[])[1 + g % 2000], ($3::uuid[])[1 + g % 2000], 'Question ' || g,
                (ARRAY['pending', 'approved', 'answered', 'dismissed'])[1 + g % 4], g % 17,
                to_timestamp($4 / 1000.0) + make_interval(secs => g * 10),
                CASE WHEN g % 4 IN (1, 2) THEN to_timestamp($4 / 1000.0) + make_interval(secs => g * 10 + 60) END
         FROM generate_series(1, $5) g`,
        [panel.id, ids, delegationOf, day, QUESTIONS],
      );
      await db.query(
        `INSERT INTO attendance_samples (panel_id, minute, moderators, panelists, delegates, public)
         SELECT $1, to_timestamp($2 / 1000.0) + make_interval(mins => g), 1, 3, 100 + g % 200, 500 + g % 900
         FROM generate_series(0, $3 - 1) g`,
        [panel.id, day, MINUTES],
      );
      await db.query(
        `INSERT INTO panel_attendees (panel_id, user_id, audience, delegation_id)
         SELECT $1, ($2::uuid[])[g], 'delegate', ($3::uuid[])[g] FROM generate_series(1, 200) g`,
        [panel.id, ids, delegationOf],
      );
    }
    // The steady state autovacuum reaches in production: statistics and the visibility map up to date.
    await db.query('VACUUM ANALYZE');
    const seedMs = performance.now() - seedStart;
    console.log(`seeded in ${ms(seedMs)}`);

    const url = `http://127.0.0.1:${api.port}/api/events/${event.id}/report`;
    const headers = { Authorization: `Bearer ${setup.issue(staff)}` };
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < WARM_UP + REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`report answered ${res.status}: ${body.slice(0, 200)}`);
      if (i >= WARM_UP) times.push(performance.now() - t0);
      bytes = body.length;
    }
    const report = JSON.parse(await (await fetch(url, { headers })).text()) as {
      speaking: { byKind: { interventions: number }[] };
      questions: { asked: number };
      attendance: { timeline: unknown[] };
    };
    const counted = report.speaking.byKind.reduce((n, k) => n + k.interventions, 0);
    if (counted !== PANELS * INTERVENTIONS || report.questions.asked !== PANELS * QUESTIONS) {
      throw new Error(`the report counted ${counted} interventions and ${report.questions.asked} questions`);
    }
    const { p50, p95, p99 } = percentiles(times);
    const verdict = p95 < TARGET_MS ? 'met' : 'NOT met';
    console.log(`p50 ${ms(p50)}, p95 ${ms(p95)}, p99 ${ms(p99)} (target p95 < ${TARGET_MS} ms: ${verdict})`);
    writeSection(
      'Reports: `GET /api/events/:id/report`',
      `\`npm run bench:report\` — ${PANELS} panels, each with ${INTERVENTIONS} finished interventions, ${QUESTIONS.toLocaleString('en')} questions, ` +
        `${MINUTES} attendance samples (a day) and 200 delegates who joined; 200 delegations in 8 regional groups. ` +
        `One API process; ${REQUESTS} requests one after another after ${WARM_UP} to warm up, as staff.\n\n` +
        `| figure | value |\n| --- | --- |\n` +
        `| p50 | ${ms(p50)} |\n| p95 | ${ms(p95)} (target < ${TARGET_MS} ms: **${verdict}**) |\n| p99 | ${ms(p99)} |\n` +
        `| answer size | ${(bytes / 1024).toFixed(0)} kB (the timeline's ${report.attendance.timeline.length} sampled minutes) |\n\n` +
        `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (load ${loadAtStart.toFixed(1)} at the start). ` +
        'Every figure is one aggregate query in one REPEATABLE READ transaction; nothing loads the rows themselves.',
    );
  } finally {
    await api.stop();
    await setup.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
