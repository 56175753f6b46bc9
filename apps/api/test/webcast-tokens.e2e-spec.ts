import request from 'supertest';
import {
  makePanel,
  makeUser,
  startTestApi,
  startWebcastTestApi,
  TestApi,
  WebcastTestApi,
} from '@rostrum/test-harness';
import { InterventionEntity, PanelEntity, UserEntity } from '@rostrum/database';

const PRESENTER_SOURCES = ['camera', 'microphone', 'screen_share', 'screen_share_audio'];

describe('webcast join tokens (e2e)', () => {
  let kit: WebcastTestApi;
  let api: TestApi;
  let moderator: UserEntity;
  let panelist: UserEntity;
  let panel: PanelEntity;

  beforeAll(async () => {
    // Its test clients stand behind a proxy on loopback: X-Forwarded-For gives each its own address.
    kit = await startWebcastTestApi({ env: { TRUST_PROXY: 'loopback' } });
    api = kit.api;
    moderator = await makeUser(api.db, 'moderator');
    panelist = await makeUser(api.db, 'panelist');
    panel = await makePanel(api.db, { moderators: [moderator], panelists: [panelist], status: 'live' });
  });
  afterAll(() => kit.close());

  const tokenOf = (user: UserEntity, panelId = panel.id) =>
    request(api.url)
      .post(`/api/panels/${panelId}/webcast/token`)
      .set('Authorization', `Bearer ${api.tokenFor(user)}`);

  async function grantsOf(user: UserEntity) {
    const res = await tokenOf(user).expect(200);
    const claims = await kit.decode(res.body.token);
    return { body: res.body, claims, video: claims.video! };
  }

  it('should let a moderator of the panel publish camera, microphone and screen share', async () => {
    const { body, claims, video } = await grantsOf(moderator);
    expect(body).toEqual({
      url: kit.livekit.url,
      token: expect.any(String),
      room: `panel-${panel.id}`,
      identity: moderator.id,
      canPublish: true,
      // The floor is live with the panel; no interpreter is live in any booth of the event's languages.
      channels: [
        { language: 'floor', live: true },
        { language: 'en', live: false },
        { language: 'fr', live: false },
        { language: 'zh', live: false },
      ],
    });
    expect(claims.sub).toBe(moderator.id);
    expect(claims.name).toBe(moderator.name);
    expect(JSON.parse(claims.metadata!)).toEqual({ role: 'moderator' });
    expect(video).toMatchObject({
      roomJoin: true,
      room: `panel-${panel.id}`,
      canSubscribe: true,
      canPublish: true,
      canPublishData: true,
      hidden: false,
    });
    expect(video.canPublishSources).toEqual(PRESENTER_SOURCES);
    // Short-lived: LiveKit refreshes a connected client's token itself.
    expect(claims.exp! - claims.nbf!).toBe(600);
  });

  it('should let a panelist of the panel publish, but not a panelist of another panel', async () => {
    const { body, video } = await grantsOf(panelist);
    expect(body.canPublish).toBe(true);
    expect(video.canPublishSources).toEqual(PRESENTER_SOURCES);

    const outsider = await makeUser(api.db, 'panelist');
    const other = await grantsOf(outsider);
    expect(other.body.canPublish).toBe(false);
    expect(JSON.parse(other.claims.metadata!)).toEqual({ role: 'viewer' }); // not counted as a panelist
    expect(other.video).toMatchObject({ canSubscribe: true, canPublish: false, canPublishData: false });
  });

  it('should let a delegate subscribe and publish data only when not holding the floor', async () => {
    const delegate = await makeUser(api.db, 'delegate');
    const { body, claims, video } = await grantsOf(delegate);
    expect(body).toMatchObject({ identity: delegate.id, canPublish: false });
    expect(JSON.parse(claims.metadata!)).toEqual({ role: 'delegate' });
    expect(video).toMatchObject({
      canSubscribe: true,
      canPublish: false,
      canPublishData: true,
      canPublishSources: [],
      hidden: false,
    });
  });

  it('should let the delegate holding the floor publish camera and microphone when their token is issued', async () => {
    const delegate = await makeUser(api.db, 'delegate');
    await api.db.getRepository(InterventionEntity).save({
      panelId: panel.id,
      delegateId: delegate.id,
      delegationId: delegate.delegationId,
      kind: 'statement',
      status: 'speaking',
      startedAt: new Date(),
      allottedSeconds: 180,
    });
    const { body, video } = await grantsOf(delegate);
    expect(body.canPublish).toBe(true);
    expect(video).toMatchObject({ canPublish: true, canPublishData: true });
    expect(video.canPublishSources).toEqual(['camera', 'microphone']);
    await api.db.getRepository(InterventionEntity).update({ delegateId: delegate.id }, { status: 'done' });
  });

  it('should let staff and admins subscribe only, unless the admin moderates the panel', async () => {
    const staff = await makeUser(api.db, 'staff');
    const admin = await makeUser(api.db, 'admin');
    for (const user of [staff, admin]) {
      const { body, video } = await grantsOf(user);
      expect(body.canPublish).toBe(false);
      expect(video).toMatchObject({ canSubscribe: true, canPublish: false, canPublishData: false });
    }
    const chair = await makeUser(api.db, 'admin');
    const chaired = await makePanel(api.db, { moderators: [chair] });
    const res = await tokenOf(chair, chaired.id).expect(200);
    expect(res.body.canPublish).toBe(true);
  });

  it('should give the public a hidden, subscribe-only token with an identity tied to no account', async () => {
    const first = await request(api.url).post(`/api/public/panels/${panel.id}/webcast/token`).expect(200);
    const second = await request(api.url).post(`/api/public/panels/${panel.id}/webcast/token`).expect(200);
    expect(first.body.identity).toMatch(/^public-[\w-]{8,}$/);
    expect(second.body.identity).not.toBe(first.body.identity);
    expect(first.body).toMatchObject({ room: `panel-${panel.id}`, canPublish: false, url: kit.livekit.url });
    const claims = await kit.decode(first.body.token);
    expect(claims.sub).toBe(first.body.identity);
    expect(claims.video).toMatchObject({
      roomJoin: true,
      room: `panel-${panel.id}`,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
      canPublishSources: [],
      hidden: true,
    });
    // The server accepts it and keeps the viewer out of the participant list.
    const participant = await kit.livekit.join(first.body.token);
    expect(participant.permission).toMatchObject({ canPublish: false, hidden: true });
  });

  it('should refuse tokens for an unknown or ended panel, a malformed id, and without sign-in', async () => {
    const missing = await tokenOf(moderator, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const ended = await makePanel(api.db, { moderators: [moderator], status: 'ended' });
    expect((await tokenOf(moderator, ended.id).expect(409)).body.code).toBe('PANEL_NOT_LIVE');
    await request(api.url).post(`/api/public/panels/${ended.id}/webcast/token`).expect(409);
    expect((await tokenOf(moderator, 'not-a-uuid').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const anonymous = await request(api.url).post(`/api/panels/${panel.id}/webcast/token`).expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });

  it('should rate limit the public token route per client address with 429 RATE_LIMITED', async () => {
    const scheduled = await makePanel(api.db, { moderators: [moderator] });
    // TRUST_PROXY=loopback: each test client gets its own address through X-Forwarded-For.
    const from = (ip: string) =>
      request(api.url).post(`/api/public/panels/${scheduled.id}/webcast/token`).set('X-Forwarded-For', ip);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await from('203.0.113.7');
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.code).toBe('RATE_LIMITED');
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another viewer, and the signed-in route, are not limited by it.
    await from('203.0.113.8').expect(200);
    await tokenOf(moderator).expect(200);
  });
});

describe('webcast without LiveKit configured (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('should answer 503 WEBCAST_DISABLED on both token routes while panels still go live', async () => {
    const moderator = await makeUser(api.db, 'moderator');
    const panel = await makePanel(api.db, { moderators: [moderator] });
    const auth = `Bearer ${api.tokenFor(moderator)}`;
    const res = await request(api.url)
      .post(`/api/panels/${panel.id}/webcast/token`)
      .set('Authorization', auth)
      .expect(503);
    expect(res.body).toEqual({ statusCode: 503, code: 'WEBCAST_DISABLED', message: expect.any(String) });
    const pub = await request(api.url).post(`/api/public/panels/${panel.id}/webcast/token`).expect(503);
    expect(pub.body.code).toBe('WEBCAST_DISABLED');

    const started = await request(api.url)
      .post(`/api/panels/${panel.id}/start`)
      .set('Authorization', auth)
      .expect(200);
    expect(started.body.status).toBe('live');
    const recordings = await api.db.query('SELECT id FROM recordings WHERE panel_id = $1', [panel.id]);
    expect(recordings).toEqual([]);
  });
});
