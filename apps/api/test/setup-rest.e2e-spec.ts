import request from 'supertest';
import { makeDelegation, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';
import { UserEntity } from '@rostrum/database';

describe('setting up a conference over REST (e2e)', () => {
  let api: TestApi;
  let staff: string;
  let delegate: string;
  let moderatorA: UserEntity;
  let moderatorB: UserEntity;
  let panelist: UserEntity;

  beforeAll(async () => {
    api = await startTestApi();
    staff = api.tokenFor(await makeUser(api.db, 'staff'));
    delegate = api.tokenFor(await makeUser(api.db, 'delegate'));
    moderatorA = await makeUser(api.db, 'moderator', { name: 'Moderator A' });
    moderatorB = await makeUser(api.db, 'moderator', { name: 'Moderator B' });
    panelist = await makeUser(api.db, 'panelist', { name: 'Dr Panelist' });
  });
  afterAll(() => api.close());

  const as = (token: string) => ({
    get: (path: string) => request(api.url).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      request(api.url).post(path).set('Authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      request(api.url).patch(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  const newEvent = async () =>
    (
      await as(staff)
        .post('/api/events', {
          title: 'Third session',
          startsAt: '2026-11-04T09:00:00Z',
          endsAt: '2026-11-04T17:00:00Z',
          languages: ['en', 'fr', 'zh'],
        })
        .expect(201)
    ).body;

  const newPanel = async (eventId: string, moderators = [moderatorA.id]) =>
    (
      await as(staff)
        .post(`/api/events/${eventId}/panels`, {
          title: 'Copyright and AI-generated works',
          theme: 'Authorship',
          guidingQuestions: ['Should AI-generated works be protected?'],
          startsAt: '2026-11-04T10:00:00Z',
          endsAt: '2026-11-04T11:30:00Z',
          moderatorIds: moderators,
          panelistIds: [panelist.id],
          settings: { speakingSeconds: 120, onePerDelegation: true },
        })
        .expect(201)
    ).body;

  it('should create an event with a panel whose settings merge over the defaults', async () => {
    const event = await newEvent();
    const panel = await newPanel(event.id);
    expect(panel).toMatchObject({
      eventId: event.id,
      status: 'scheduled',
      version: 0,
      queueOpen: false,
      moderators: [{ id: moderatorA.id, name: 'Moderator A' }],
      panelists: [{ id: panelist.id, name: 'Dr Panelist' }],
      settings: {
        speakingSeconds: 120,
        pointOfOrderSeconds: 60,
        rightOfReplySeconds: 120,
        onePerDelegation: true,
        qaModeration: true,
        publicQa: true,
        autoEndOnTimeUp: false,
        interactionWindowSeconds: null,
      },
    });
    const listed = await as(delegate).get(`/api/events/${event.id}`).expect(200);
    expect(listed.body.panels.map((p: { id: string }) => p.id)).toEqual([panel.id]);
    const programme = await request(api.url).get('/api/public/events').expect(200);
    const publicPanel = programme.body.find((e: { id: string }) => e.id === event.id).panels[0];
    expect(publicPanel).toMatchObject({
      title: 'Copyright and AI-generated works',
      guidingQuestions: ['Should AI-generated works be protected?'],
      status: 'scheduled',
    });
    expect(publicPanel.settings).toBeUndefined();
  });

  it('should refuse staff routes to a delegate with 403 FORBIDDEN', async () => {
    const event = await newEvent();
    for (const res of [
      await as(delegate).post('/api/events', {
        title: 'x',
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2026-01-02T00:00:00Z',
      }),
      await as(delegate).post('/api/delegations', { name: 'France', kind: 'member_state', code: 'FRA' }),
      await as(delegate).post('/api/invitations', { role: 'staff' }),
      await as(delegate).get('/api/users'),
      await as(delegate).post(`/api/events/${event.id}/panels`, {}),
    ]) {
      expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.any(String) });
    }
    const events = await as(staff).get('/api/events').expect(200);
    expect(events.body.filter((e: { title: string }) => e.title === 'x')).toHaveLength(0);
  });

  it.each([
    [
      'an unknown field',
      '/api/events',
      { title: 'T', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z', colour: 'red' },
      'colour',
    ],
    [
      'a bad date',
      '/api/events',
      { title: 'T', startsAt: '31/12/2026', endsAt: '2026-01-02T00:00:00Z' },
      'startsAt',
    ],
    [
      'an impossible date',
      '/api/events',
      { title: 'T', startsAt: '2026-02-30T00:00:00Z', endsAt: '2026-03-02T00:00:00Z' },
      'startsAt',
    ],
    [
      'an end before the start',
      '/api/events',
      { title: 'T', startsAt: '2026-01-02T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' },
      'endsAt',
    ],
    [
      'a member state without an ISO code',
      '/api/delegations',
      { name: 'Atlantis', kind: 'member_state', code: 'ATLANTIS' },
      'ISO 3166',
    ],
    ['an unknown delegation kind', '/api/delegations', { name: 'X', kind: 'club', code: 'XX' }, 'kind'],
  ])('should answer 400 VALIDATION_FAILED for %s and create nothing', async (_, path, body, mention) => {
    const res = await as(staff).post(path, body).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(mention),
    });
  });

  it('should answer 400 for malformed ids in paths and bodies, and 404 for unknown ones', async () => {
    expect((await as(staff).get('/api/panels/123').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await as(staff).get('/api/events/not-a-uuid').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const event = await newEvent();
    const bad = await as(staff)
      .post(`/api/events/${event.id}/panels`, {
        title: 'P',
        startsAt: '2026-11-04T10:00:00Z',
        endsAt: '2026-11-04T11:00:00Z',
        moderatorIds: ['nope'],
      })
      .expect(400);
    expect(bad.body.message).toContain('moderatorIds');
    expect(
      (await as(staff).get('/api/panels/00000000-0000-4000-8000-000000000000').expect(404)).body.code,
    ).toBe('NOT_FOUND');
  });

  it('should refuse a panelist given as a moderator', async () => {
    const event = await newEvent();
    const res = await as(staff)
      .post(`/api/events/${event.id}/panels`, {
        title: 'P',
        startsAt: '2026-11-04T10:00:00Z',
        endsAt: '2026-11-04T11:00:00Z',
        moderatorIds: [panelist.id],
      })
      .expect(400);
    expect(res.body.message).toContain('moderatorIds');
  });

  it('should let the panel moderator start and end the panel, and refuse a moderator of another panel', async () => {
    const event = await newEvent();
    const panel = await newPanel(event.id, [moderatorA.id]);
    const tokenA = api.tokenFor(moderatorA);
    const tokenB = api.tokenFor(moderatorB);

    const refused = await as(tokenB).post(`/api/panels/${panel.id}/start`).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(
      (await as(tokenB).patch(`/api/panels/${panel.id}`, { title: 'Hijacked' }).expect(403)).body.code,
    ).toBe('FORBIDDEN');
    expect((await as(delegate).post(`/api/panels/${panel.id}/start`).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );

    const live = await as(tokenA).post(`/api/panels/${panel.id}/start`).expect(200);
    expect(live.body).toMatchObject({ status: 'live', queueOpen: true, version: 1 });
    expect(live.body.startedAt).toEqual(expect.any(String));
    expect((await as(staff).get(`/api/events/${event.id}`)).body.status).toBe('live');
    // Going live twice changes nothing.
    expect((await as(tokenA).post(`/api/panels/${panel.id}/start`).expect(200)).body.version).toBe(1);

    const ended = await as(tokenA).post(`/api/panels/${panel.id}/end`).expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', queueOpen: false, version: 2 });
    expect((await as(staff).get(`/api/events/${event.id}`)).body.status).toBe('ended');
    const again = await as(tokenA).post(`/api/panels/${panel.id}/start`).expect(409);
    expect(again.body.code).toBe('CONFLICT');
  });

  it('should let the moderator edit the panel and merge settings', async () => {
    const event = await newEvent();
    const panel = await newPanel(event.id);
    const res = await as(api.tokenFor(moderatorA))
      .patch(`/api/panels/${panel.id}`, { title: 'Renamed', settings: { autoEndOnTimeUp: true } })
      .expect(200);
    expect(res.body.title).toBe('Renamed');
    expect(res.body.settings).toMatchObject({
      autoEndOnTimeUp: true,
      speakingSeconds: 120,
      onePerDelegation: true,
    });
    await as(staff)
      .patch(`/api/panels/${panel.id}`, { settings: { speakingSeconds: 5 } })
      .expect(400);
  });

  it('should list delegations to anyone signed in and refuse a duplicate code', async () => {
    await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    const created = await as(staff)
      .post('/api/delegations', {
        name: 'World Intellectual Property Organization Observer',
        kind: 'observer',
        code: 'icc',
      })
      .expect(201);
    expect(created.body).toMatchObject({ kind: 'observer', code: 'ICC' });
    const dup = await as(staff)
      .post('/api/delegations', { name: 'Kenya again', kind: 'member_state', code: 'KEN' })
      .expect(409);
    expect(dup.body.code).toBe('CONFLICT');
    const list = await as(delegate).get('/api/delegations').expect(200);
    expect(list.body.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['KEN', 'ICC']));
  });

  it('should list users to admins and staff only, without password hashes', async () => {
    const admin = api.tokenFor(await makeUser(api.db, 'admin'));
    const res = await as(admin).get('/api/users?role=moderator').expect(200);
    expect(res.body.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([moderatorA.id, moderatorB.id]),
    );
    expect(
      res.body.every(
        (u: { role: string; passwordHash?: string }) => u.role === 'moderator' && !u.passwordHash,
      ),
    ).toBe(true);
    await as(staff).get('/api/users').expect(200);
    await as(delegate).get('/api/users').expect(403);
  });

  it('should serve the OpenAPI description', async () => {
    const res = await request(api.url).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/events/{eventId}/panels', '/api/health']),
    );
  });
});
