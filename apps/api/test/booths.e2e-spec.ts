import request from 'supertest';
import { BoothEntity, EventEntity, UserEntity } from '@rostrum/database';
import { makeEvent, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';

/** Interpreters and their booths over REST (issue 17): the role, invitable by staff; a booth per event language. */
describe('interpreters and booths (e2e)', () => {
  let api: TestApi;
  let staff: string;
  let delegate: string;
  let moderator: UserEntity;
  let event: EventEntity;
  let amelie: UserEntity;
  let bo: UserEntity;

  beforeAll(async () => {
    api = await startTestApi();
    staff = api.tokenFor(await makeUser(api.db, 'staff'));
    delegate = api.tokenFor(await makeUser(api.db, 'delegate'));
    moderator = await makeUser(api.db, 'moderator');
    event = await makeEvent(api.db, { languages: ['en', 'fr', 'zh'] });
    amelie = await makeUser(api.db, 'interpreter', { name: 'Amélie Interprète' });
    bo = await makeUser(api.db, 'interpreter', { name: 'Bo Yang' });
  });
  afterAll(() => api.close());

  const as = (token: string | null) => {
    const auth = (req: request.Test) => (token ? req.set('Authorization', `Bearer ${token}`) : req);
    return {
      get: (path: string) => auth(request(api.url).get(path)),
      post: (path: string, body: object) => auth(request(api.url).post(path).send(body)),
      put: (path: string, body: object) => auth(request(api.url).put(path).send(body)),
    };
  };
  const boothRows = () => api.db.getRepository(BoothEntity).find({ relations: { interpreters: true } });

  it('should let staff invite an interpreter, who registers with that role', async () => {
    const invitation = await as(staff).post('/api/invitations', { role: 'interpreter' }).expect(201);
    expect(invitation.body.role).toBe('interpreter');
    const registered = await as(null)
      .post('/api/auth/register', {
        invitationCode: invitation.body.code,
        name: 'Chen Interpreter',
        email: 'chen.interpreter@example.org',
        password: 'long-enough-password',
      })
      .expect(201);
    expect(registered.body.user).toMatchObject({ role: 'interpreter', delegationId: null });
    const found = await as(staff).get('/api/users?role=interpreter').expect(200);
    expect(found.body.map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['Amélie Interprète', 'Bo Yang', 'Chen Interpreter']),
    );
  });

  it('should set a booth’s interpreters and list every language of the event to anyone signed in', async () => {
    const put = await as(staff)
      .put(`/api/events/${event.id}/booths/fr`, { interpreterIds: [bo.id, amelie.id] })
      .expect(200);
    expect(put.body).toEqual({
      language: 'fr',
      interpreters: [
        { id: amelie.id, name: 'Amélie Interprète' },
        { id: bo.id, name: 'Bo Yang' },
      ],
    });
    const listed = await as(delegate).get(`/api/events/${event.id}/booths`).expect(200);
    expect(listed.body).toEqual([
      { language: 'en', interpreters: [] },
      put.body,
      { language: 'zh', interpreters: [] },
    ]);

    // The list is replaced whole; saving the same booth twice keeps one row.
    await as(staff)
      .put(`/api/events/${event.id}/booths/fr`, { interpreterIds: [bo.id] })
      .expect(200);
    await as(staff)
      .put(`/api/events/${event.id}/booths/fr`, { interpreterIds: [bo.id] })
      .expect(200);
    const rows = (await boothRows()).filter((b) => b.eventId === event.id);
    expect(rows.map((b) => [b.language, b.interpreters!.map((u) => u.id)])).toEqual([['fr', [bo.id]]]);
  });

  it('should refuse a booth for a language the event does not have, or people who are not interpreters, and change nothing', async () => {
    const before = JSON.stringify(await boothRows());
    const noSuchChannel = await as(staff)
      .put(`/api/events/${event.id}/booths/de`, { interpreterIds: [amelie.id] })
      .expect(400);
    expect(noSuchChannel.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/no "de" channel \(its languages: en, fr, zh\)/),
    });
    const notInterpreter = await as(staff)
      .put(`/api/events/${event.id}/booths/zh`, { interpreterIds: [amelie.id, moderator.id] })
      .expect(400);
    expect(notInterpreter.body.message).toBe(`interpreterIds must name interpreters: ${moderator.id}`);
    for (const body of [
      { interpreterIds: ['not-a-uuid'] },
      { interpreterIds: [bo.id, bo.id] },
      {},
      { interpreterIds: [], extra: 1 },
    ]) {
      const res = await as(staff).put(`/api/events/${event.id}/booths/zh`, body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(JSON.stringify(await boothRows())).toBe(before);
  });

  it('should keep booths to staff and admins, and answer 404 for an unknown event', async () => {
    await as(delegate).put(`/api/events/${event.id}/booths/fr`, { interpreterIds: [] }).expect(403);
    await as(api.tokenFor(amelie))
      .put(`/api/events/${event.id}/booths/fr`, { interpreterIds: [] })
      .expect(403);
    await as(null).get(`/api/events/${event.id}/booths`).expect(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await as(staff).put(`/api/events/${unknown}/booths/fr`, { interpreterIds: [] }).expect(404);
    await as(delegate).get(`/api/events/${unknown}/booths`).expect(404);
  });
});
