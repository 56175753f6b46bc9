import { parse } from 'csv-parse/sync';
import request from 'supertest';
import type { SessionReport } from '@rostrum/contracts';
import { PanelEntity, UserEntity } from '@rostrum/database';
import {
  eventually,
  LiveTestClient,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  TestApi,
} from '@rostrum/test-harness';
import { joined } from './support/floor-fixture';

/** Short enough for a test to see several samples; the contract's default is a minute. */
const SAMPLE_MS = 1000;
const at = (hhmmss: string) => `2026-05-04T${hhmmss}Z`;

/**
 * A scripted session on two API instances: delegations from two regional groups speak in every kind (a group
 * statement and a right of reply among them; the afternoon under a delegation budget, one grant refused), one
 * request is withdrawn and one removed, questions are asked and moderated, viewers come and go on both
 * instances while attendance is sampled. The speeches' times are then pinned in the database so that every
 * figure of the report can be worked out by hand below.
 */
describe('panel and event reports (e2e)', () => {
  let first: TestApi;
  let second: TestApi;
  const clients: LiveTestClient[] = [];
  const track = <T extends LiveTestClient>(c: T) => (clients.push(c), c);
  const as = (user: UserEntity) => ({ Authorization: `Bearer ${first.tokenFor(user)}` });

  let staff: UserEntity;
  let moderator: UserEntity;
  let p1: PanelEntity;
  let p2: PanelEntity;
  let eventId: string;
  /** When the attendance peaked (10 following: 1 moderator, 5 delegates, 4 public), as sampled. */
  let peakMinute: string;

  beforeAll(async () => {
    const env = { ATTENDANCE_SAMPLE_MS: String(SAMPLE_MS) };
    first = await startTestApi({ env });
    second = await startTestApi({ shareWith: first, env });
    staff = await makeUser(first.db, 'staff');
    moderator = await makeUser(first.db, 'moderator');
    const event = await makeEvent(first.db, {
      title: 'Scripted session',
      groups: ['GRULAC', 'African Group'],
    });
    eventId = event.id;
    p1 = await makePanel(first.db, { event, moderators: [moderator], status: 'live', title: 'Morning' });
    // The afternoon runs a budget of 60 s per delegation (points of order excepted).
    p2 = await makePanel(first.db, {
      event,
      moderators: [moderator],
      status: 'live',
      title: 'Afternoon',
      settings: { delegationBudgetSeconds: 60 },
    });

    const delegation = (code: string, region: string | null) =>
      makeDelegation(first.db, { code, name: `Delegation ${code}`, region });
    const [fra, deu, bra, arg, obs] = [
      await delegation('FRA', 'Group B'),
      await delegation('DEU', 'Group B'),
      await delegation('BRA', 'GRULAC'),
      await delegation('ARG', 'GRULAC'),
      await delegation('OBS', null),
    ];
    const delegate = (d: { id: string }) => makeUser(first.db, 'delegate', { delegationId: d.id });
    const [a, b, c, d, a2, e] = [
      await delegate(fra),
      await delegate(deu),
      await delegate(bra),
      await delegate(arg),
      await delegate(fra),
      await delegate(obs),
    ];

    // Phase 1 on panel 1: the moderator, four delegates and three viewers, spread over both instances.
    const p = p1.id;
    const mod = track(await joined(first, moderator, p));
    const da = track(await joined(first, a, p));
    const db = track(await joined(second, b, p));
    const dc = track(await joined(second, c, p));
    const dd = track(await joined(first, d, p));
    const viewers = [
      track(await joined(second, null, p)),
      track(await joined(second, null, p)),
      track(await joined(first, null, p)),
    ];
    await sampled(p, { moderators: 1, panelists: 0, delegates: 4, public: 3 });

    const speech = async (who: LiveTestClient, kind: string, extra = {}) => {
      const { intervention } = await who.ok('floor:request', { panelId: p, kind, ...extra });
      await mod.ok('floor:grant', { panelId: p, interventionId: intervention.id });
      await mod.ok('floor:end', { panelId: p });
      return intervention.id as string;
    };
    const i1 = await speech(da, 'statement');
    const i2 = await speech(db, 'question');
    const i3 = await speech(dc, 'point_of_order');
    const i4 = await speech(dd, 'right_of_reply', { replyTo: i1 });
    const i5 = await speech(da, 'statement');
    const withdrawn = (await db.ok('floor:request', { panelId: p, kind: 'statement' })).intervention.id;
    await db.ok('floor:withdraw', { panelId: p, interventionId: withdrawn });
    const removed = (await dc.ok('floor:request', { panelId: p, kind: 'statement' })).intervention.id;
    await mod.ok('queue:remove', { panelId: p, interventionId: removed });
    // Four questions: two approved, one of them answered, one dismissed.
    const q1 = await da.ok('qa:ask', { panelId: p, text: 'On the first article?' });
    const q2 = await db.ok('qa:ask', { panelId: p, text: 'On the second article?' });
    const q3 = await dc.ok('qa:ask', { panelId: p, text: 'Off topic' });
    await dd.ok('qa:ask', { panelId: p, text: 'Still pending' });
    await mod.ok('qa:approve', { panelId: p, questionId: q1.id });
    await mod.ok('qa:approve', { panelId: p, questionId: q2.id });
    await mod.ok('qa:answered', { panelId: p, questionId: q1.id });
    await mod.ok('qa:dismiss', { panelId: p, questionId: q3.id });

    // Phase 2: a second delegate of FRA and a fourth viewer come (the peak), phase 3: most leave.
    track(await joined(second, a2, p));
    viewers.push(track(await joined(first, null, p)));
    peakMinute = (await sampled(p, { moderators: 1, panelists: 0, delegates: 5, public: 4 })).minute;
    for (const v of [...viewers, db, dc]) v.close();
    await sampled(p, { moderators: 1, panelists: 0, delegates: 3, public: 0 });

    // Panel 2, under its budget: DEU speaks again and uses all of it, the observer speaks for the first
    // time, DEU is refused the floor until the moderator gives time, BRA speaks for GRULAC; one question.
    const mod2 = track(await joined(second, moderator, p2.id));
    const db2 = track(await joined(second, b, p2.id));
    const de2 = track(await joined(first, e, p2.id));
    const dc2 = track(await joined(first, c, p2.id));
    const request2 = async (who: LiveTestClient, kind: string, extra = {}) =>
      (await who.ok('floor:request', { panelId: p2.id, kind, ...extra })).intervention.id as string;
    /** Grants and ends; answers the time the grant allotted. */
    const speak2 = async (interventionId: string, extra = {}) => {
      const granted = await mod2.ok('floor:grant', { panelId: p2.id, interventionId, ...extra });
      await mod2.ok('floor:end', { panelId: p2.id });
      return granted.clock?.allottedSeconds;
    };
    const j1 = await request2(db2, 'statement');
    expect(await speak2(j1)).toBe(60); // the statement's 180 s cut to the budget
    await first.db.query('UPDATE interventions SET spoken_seconds = 60 WHERE id = $1', [j1]);
    const j2 = await request2(de2, 'statement');
    await speak2(j2);
    const j3 = await request2(db2, 'statement');
    const refused = await mod2.send('floor:grant', { panelId: p2.id, interventionId: j3 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BUDGET_EXHAUSTED' } });
    expect(await speak2(j3, { seconds: 30 })).toBe(30);
    const j4 = await request2(dc2, 'group_statement', { onBehalfOf: 'GRULAC' });
    expect(await speak2(j4)).toBe(60); // the group statement's 300 s cut to BRA's budget
    await de2.ok('qa:ask', { panelId: p2.id, text: 'A question from the observer' });

    // Pin the speeches' times: [id, requested, started, spoken seconds].
    const pinned: [string, string, string, number][] = [
      [i1, at('10:00:00'), at('10:00:30'), 120], // wait 30
      [i2, at('10:00:10'), at('10:02:40'), 60], // wait 150
      [i3, at('10:03:00'), at('10:03:10'), 30], // wait 10
      [i4, at('10:03:20'), at('10:04:00'), 90], // wait 40
      [i5, at('10:05:00'), at('10:06:00'), 100], // wait 60
      [j1, at('14:00:00'), at('14:00:20'), 60], // wait 20
      [j2, at('14:01:00'), at('14:01:05'), 70], // wait 5
      [j3, at('14:02:00'), at('14:02:30'), 30], // wait 30
      [j4, at('14:03:00'), at('14:03:40'), 45], // wait 40
    ];
    for (const [id, requested, started, spoken] of pinned) {
      await first.db.query(
        `UPDATE interventions SET requested_at = $2, started_at = $3,
                ended_at = $3::timestamptz + make_interval(secs => $4), spoken_seconds = $4 WHERE id = $1`,
        [id, requested, started, spoken],
      );
    }
    // The withdrawn and removed requests never had the floor: they count nowhere.
    const left: { status: string }[] = await first.db.query(
      'SELECT status FROM interventions WHERE id = ANY($1) ORDER BY status',
      [[withdrawn, removed]],
    );
    expect(left.map((r) => r.status)).toEqual(['removed', 'withdrawn']);

    // Both panels end: sampling stops (a sample already under way may still land; see `settledReports`).
    await first.db.query(`UPDATE panels SET status = 'ended' WHERE event_id = $1`, [eventId]);
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await second?.close();
    await first?.close();
  });

  /** Waits for a sample of panel `panelId` with exactly these counts, and returns it. */
  async function sampled(panelId: string, counts: Record<string, number>) {
    return eventually(
      async () => {
        const rows: { minute: Date }[] = await first.db.query(
          `SELECT minute FROM attendance_samples WHERE panel_id = $1 AND moderators = $2 AND panelists = $3
             AND delegates = $4 AND public = $5 ORDER BY minute LIMIT 1`,
          [panelId, counts.moderators, counts.panelists, counts.delegates, counts.public],
        );
        return rows[0] && { minute: rows[0].minute.toISOString() };
      },
      20_000,
      `a sample of ${JSON.stringify(counts)}`,
    );
  }

  const report = async (path: string) =>
    (await request(first.url).get(path).set(as(staff)).expect(200)).body as SessionReport;

  it("should give the panel's figures exactly as worked out by hand", async () => {
    const r = await report(`/api/panels/${p1.id}/report`);
    const row = (
      code: string,
      region: string,
      interventions: number,
      spokenSeconds: number,
      share: number,
    ) => ({
      delegationId: expect.any(String),
      code,
      name: `Delegation ${code}`,
      region,
      interventions,
      spokenSeconds,
      share,
    });
    // 400 s spoken in all: FRA 120 + 100, ARG 90, DEU 60, BRA 30.
    expect(r.panelId).toBe(p1.id);
    expect(r.speaking.byDelegation).toEqual([
      row('FRA', 'Group B', 2, 220, 0.55),
      row('ARG', 'GRULAC', 1, 90, 0.225),
      row('DEU', 'Group B', 1, 60, 0.15),
      row('BRA', 'GRULAC', 1, 30, 0.075),
    ]);
    expect(r.speaking.byRegion).toEqual([
      { region: 'Group B', interventions: 3, spokenSeconds: 280, share: 0.7 },
      { region: 'GRULAC', interventions: 2, spokenSeconds: 120, share: 0.3 },
    ]);
    expect(r.speaking.byKind).toEqual([
      { kind: 'point_of_order', interventions: 1, spokenSeconds: 30 },
      { kind: 'question', interventions: 1, spokenSeconds: 60 },
      { kind: 'right_of_reply', interventions: 1, spokenSeconds: 90 },
      { kind: 'statement', interventions: 2, spokenSeconds: 220 },
    ]);
    expect(r.speaking.firstTimeSpeakers).toBe(4);
    // Waits 10, 30, 40, 60, 150: the median 40; p90 at rank 0.9 × 4 = 3.6 → 60 + 0.6 × 90 = 114.
    expect(r.waits).toEqual({ count: 5, p50Seconds: 40, p90Seconds: 114, maxSeconds: 150 });
    expect(r.questions).toEqual({ asked: 4, approved: 2, answered: 1, dismissed: 1 });
    expect(r.attendance.peak).toEqual({ at: peakMinute, delegates: 5, public: 4, total: 10 });
    // a, b, c, d and FRA's second delegate; FRA, DEU, BRA, ARG.
    expect(r.attendance.uniqueDelegates).toBe(5);
    expect(r.attendance.uniqueDelegations).toBe(4);
  });

  it('should keep one attendance sample per panel and interval across both instances', async () => {
    const { attendance } = await report(`/api/panels/${p1.id}/report`);
    const minutes = attendance.timeline.map((s) => Date.parse(s.minute));
    expect(minutes.length).toBeGreaterThanOrEqual(3);
    expect(minutes.every((m) => m % SAMPLE_MS === 0)).toBe(true);
    expect([...minutes].sort((x, y) => x - y)).toEqual(minutes);
    expect(new Set(minutes).size).toBe(minutes.length);
    for (const s of attendance.timeline) {
      expect(s.moderators + s.panelists + s.delegates + s.public).toBeLessThanOrEqual(10);
    }
  });

  it('should give the per-delegation rows as CSV, the same as the JSON', async () => {
    const r = await report(`/api/panels/${p1.id}/report`);
    const res = await request(first.url)
      .get(`/api/panels/${p1.id}/report?format=csv`)
      .set(as(moderator))
      .buffer(true)
      .parse((stream, done) => {
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (text += chunk));
        stream.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="speaking-morning-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const rows: Record<string, string>[] = parse(res.body as string, { bom: true, columns: true });
    expect(rows).toEqual(
      r.speaking.byDelegation.map((d) => ({
        delegationId: d.delegationId,
        code: d.code,
        name: d.name,
        region: d.region,
        interventions: String(d.interventions),
        spokenSeconds: String(d.spokenSeconds),
        share: String(d.share),
      })),
    );
  });

  it("should sum the event's panels in the event's report", async () => {
    const { p1r, p2r, ev } = await settledReports();
    expect(ev).toMatchObject({ panelId: null, eventId });
    // Panel 2 by hand: DEU 60 + 30 s, the observer 70 s, BRA 45 s for GRULAC; only the observer spoke for
    // the first time there.
    expect(
      p2r.speaking.byDelegation.map((d) => [d.code, d.region, d.interventions, d.spokenSeconds]),
    ).toEqual([
      ['DEU', 'Group B', 2, 90],
      ['OBS', null, 1, 70],
      ['BRA', 'GRULAC', 1, 45],
    ]);
    expect(p2r.speaking.byKind).toEqual([
      { kind: 'group_statement', interventions: 1, spokenSeconds: 45 },
      { kind: 'statement', interventions: 3, spokenSeconds: 160 },
    ]);
    expect(p2r.speaking.firstTimeSpeakers).toBe(1);

    const byCode = (rows: SessionReport['speaking']['byDelegation']) => new Map(rows.map((d) => [d.code, d]));
    const [one, two] = [byCode(p1r.speaking.byDelegation), byCode(p2r.speaking.byDelegation)];
    const codes = new Set([...one.keys(), ...two.keys()]);
    expect(ev.speaking.byDelegation.map((d) => d.code).sort()).toEqual([...codes].sort());
    for (const d of ev.speaking.byDelegation) {
      const parts = [one.get(d.code), two.get(d.code)].filter((x) => x !== undefined);
      expect(d.interventions).toBe(parts.reduce((n, x) => n + x.interventions, 0));
      expect(d.spokenSeconds).toBe(parts.reduce((n, x) => n + x.spokenSeconds, 0));
    }
    // 605 s in all: FRA 220, DEU 60 + 60 + 30, ARG 90, BRA 30 + 45, OBS 70.
    expect(ev.speaking.byDelegation.map((d) => [d.code, d.spokenSeconds, d.share])).toEqual([
      ['FRA', 220, 0.3636],
      ['DEU', 150, 0.2479],
      ['ARG', 90, 0.1488],
      ['BRA', 75, 0.124],
      ['OBS', 70, 0.1157],
    ]);
    expect(ev.speaking.byRegion.map((g) => [g.region, g.interventions, g.spokenSeconds])).toEqual([
      ['Group B', 5, 370],
      ['GRULAC', 3, 165],
      [null, 1, 70],
    ]);
    const kinds = (r: SessionReport) => new Map(r.speaking.byKind.map((k) => [k.kind, k]));
    for (const [kind, k] of kinds(ev)) {
      const parts = [kinds(p1r).get(kind), kinds(p2r).get(kind)].filter((x) => x !== undefined);
      expect(k.interventions).toBe(parts.reduce((n, x) => n + x.interventions, 0));
      expect(k.spokenSeconds).toBe(parts.reduce((n, x) => n + x.spokenSeconds, 0));
    }
    expect(ev.speaking.firstTimeSpeakers).toBe(
      p1r.speaking.firstTimeSpeakers + p2r.speaking.firstTimeSpeakers,
    );
    expect(ev.waits.count).toBe(p1r.waits.count + p2r.waits.count);
    // All nine waits: 5, 10, 20, 30, 30, 40, 40, 60, 150 → median 30, p90 at rank 7.2 → 60 + 0.2 × 90 = 78.
    expect(ev.waits).toEqual({ count: 9, p50Seconds: 30, p90Seconds: 78, maxSeconds: 150 });
    for (const field of ['asked', 'approved', 'answered', 'dismissed'] as const) {
      expect(ev.questions[field]).toBe(p1r.questions[field] + p2r.questions[field]);
    }
    expect(ev.questions).toEqual({ asked: 5, approved: 2, answered: 1, dismissed: 1 });
    // Attendance per sampled minute is the panels' sum; unique people are counted once over the event.
    const perMinute = new Map<string, number>();
    for (const s of [...p1r.attendance.timeline, ...p2r.attendance.timeline]) {
      perMinute.set(
        s.minute,
        (perMinute.get(s.minute) ?? 0) + s.moderators + s.panelists + s.delegates + s.public,
      );
    }
    expect(
      ev.attendance.timeline.map((s) => [s.minute, s.moderators + s.panelists + s.delegates + s.public]),
    ).toEqual([...perMinute].sort(([x], [y]) => x.localeCompare(y)));
    expect(ev.attendance.uniqueDelegates).toBe(6);
    expect(ev.attendance.uniqueDelegations).toBe(5);

    const csv = await request(first.url)
      .get(`/api/events/${eventId}/report?format=csv`)
      .set(as(staff))
      .expect(200);
    const rows: Record<string, string>[] = parse(csv.text, { bom: true, columns: true });
    expect(rows.map((x) => [x.code, x.spokenSeconds, x.share])).toEqual(
      ev.speaking.byDelegation.map((d) => [d.code, String(d.spokenSeconds), String(d.share)]),
    );
  });

  /** Both panels' and the event's reports, once no sample lands between reading them. */
  async function settledReports() {
    return eventually(
      async () => {
        const ev = await report(`/api/events/${eventId}/report`);
        const p1r = await report(`/api/panels/${p1.id}/report`);
        const p2r = await report(`/api/panels/${p2.id}/report`);
        const again = await report(`/api/events/${eventId}/report`);
        return JSON.stringify(ev) === JSON.stringify(again) && { p1r, p2r, ev };
      },
      15_000,
      'sampling to stop',
    );
  }

  it('should refuse what it must: another panel’s moderator, a delegate, no sign-in, xml, unknown ids', async () => {
    const otherModerator = await makeUser(first.db, 'moderator');
    const delegate = await makeUser(first.db, 'delegate');
    const url = `/api/panels/${p1.id}/report`;
    for (const user of [otherModerator, delegate]) {
      const refused = await request(first.url).get(url).set(as(user)).expect(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    // The event's report is for staff: a moderator of one of its panels is refused too.
    await request(first.url).get(`/api/events/${eventId}/report`).set(as(moderator)).expect(403);
    await request(first.url).get(url).expect(401);
    for (const path of [url, `/api/events/${eventId}/report`]) {
      const bad = await request(first.url).get(`${path}?format=xml`).set(as(staff)).expect(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      await request(first.url).get(`${path}?limit=3`).set(as(staff)).expect(400);
    }
    await request(first.url).get('/api/panels/not-a-uuid/report').set(as(staff)).expect(400);
    const none = '00000000-0000-4000-8000-000000000000';
    await request(first.url).get(`/api/panels/${none}/report`).set(as(staff)).expect(404);
    await request(first.url).get(`/api/events/${none}/report`).set(as(staff)).expect(404);
    await request(first.url).get(`/api/events/${none}/report?format=csv`).set(as(staff)).expect(404);
  });
});
