import request from 'supertest';
import { RecordingEntity } from '@rostrum/database';
import { makeEvent, makePanel, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';

/** CONTRACT.md, "Lists": limit (default 100, at most 500) and offset on every list, X-Total-Count. */
describe('list limits (e2e)', () => {
  let api: TestApi;
  let staff: string;
  let panelId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const staffUser = await makeUser(api.db, 'staff');
    staff = api.tokenFor(staffUser);
    const moderator = await makeUser(api.db, 'moderator');
    const delegate = await makeUser(api.db, 'delegate');
    // 3 events, the first with a panel; 105 delegations (and the delegate's); 3 recordings (published); 3 floor-log entries; 3 questions.
    const first = await makeEvent(api.db, { title: 'Session 1', startsAt: new Date('2026-11-01T09:00:00Z') });
    await makeEvent(api.db, { title: 'Session 2', startsAt: new Date('2026-11-02T09:00:00Z') });
    await makeEvent(api.db, { title: 'Session 3', startsAt: new Date('2026-11-03T09:00:00Z') });
    const panel = await makePanel(api.db, { event: first, moderators: [moderator] });
    panelId = panel.id;
    await api.db.query(
      `INSERT INTO delegations (name, kind, code)
       SELECT 'Delegation ' || lpad(n::text, 3, '0'), 'observer', 'D' || lpad(n::text, 3, '0')
       FROM generate_series(1, 105) n`,
    );
    for (let i = 0; i < 3; i++) {
      await api.db.getRepository(RecordingEntity).save({
        panelId,
        eventId: first.id,
        title: `Recording ${i}`,
        status: 'ready',
        source: 'egress',
        published: true,
        chapters: [],
        startedAt: new Date(Date.UTC(2026, 10, 1, 9, i)),
      });
      await request(api.url)
        .patch(`/api/panels/${panelId}`)
        .auth(staff, { type: 'bearer' })
        .send({ settings: { speakingSeconds: 100 + i } })
        .expect(200);
      await api.db.query(
        `INSERT INTO questions (panel_id, author_id, text, status, votes) VALUES ($1, $2, $3, 'approved', $4)`,
        [panelId, delegate.id, `Question ${i}`, 10 - i],
      );
    }
  }, 60_000);

  afterAll(() => api?.close());

  const get = (path: string) => request(api.url).get(path).auth(staff, { type: 'bearer' });
  const lists = () =>
    [
      ['/api/public/events', 3],
      ['/api/events', 3],
      ['/api/delegations', 106], // and the delegate's own
      ['/api/recordings', 3],
      ['/api/public/recordings', 3],
      [`/api/panels/${panelId}/floor-log`, 3],
      [`/api/panels/${panelId}/questions`, 3],
      [`/api/panels/${panelId}/speaking-stats`, 0],
    ] as const;

  it('should answer the whole count in X-Total-Count and a page by limit and offset', async () => {
    for (const [path, total] of lists()) {
      const all = await get(path).expect(200);
      expect([path, all.headers['x-total-count']]).toEqual([path, String(total)]);
      expect([path, all.body.length]).toEqual([path, Math.min(total, 100)]);
      if (total < 3) continue;
      const page = await get(`${path}?limit=1&offset=1`).expect(200);
      expect([path, page.headers['x-total-count']]).toEqual([path, String(total)]);
      expect([path, page.body]).toEqual([path, [all.body[1]]]);
    }
  });

  it('should answer 100 by default and up to 500 when asked', async () => {
    const first = await get('/api/delegations').expect(200);
    expect(first.body).toHaveLength(100);
    expect(first.body[0].name).toBe('Delegation 001');
    const rest = await get('/api/delegations?offset=100').expect(200);
    expect(rest.body.map((d: { name: string }) => d.name).slice(0, 5)).toEqual([
      'Delegation 101',
      'Delegation 102',
      'Delegation 103',
      'Delegation 104',
      'Delegation 105',
    ]);
    expect(rest.body).toHaveLength(6);
    expect((await get('/api/delegations?limit=500').expect(200)).body).toHaveLength(106);
  });

  it('should refuse limit=501, a zero or negative limit, a negative offset and words: 400 VALIDATION_FAILED', async () => {
    for (const [path] of lists()) {
      for (const bad of ['limit=501', 'limit=0', 'limit=-1', 'offset=-1', 'limit=ten', 'limit=1.5']) {
        const res = await get(`${path}?${bad}`);
        expect([path, bad, res.status, res.body.code]).toEqual([path, bad, 400, 'VALIDATION_FAILED']);
      }
    }
  });

  it('should keep the questions CSV whole', async () => {
    const csv = await get(`/api/panels/${panelId}/questions.csv`).expect(200);
    expect(csv.text.trim().split('\n')).toHaveLength(4);
  });
});
