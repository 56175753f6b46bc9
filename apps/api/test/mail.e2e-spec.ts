import request from 'supertest';
import { MAIL_OFF_ERROR, MailView } from '@rostrum/contracts';
import { MailOutboxEntity } from '@rostrum/database';
import { eventually, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';

/** GET /api/mail, and what is recorded while mail is off (no SMTP_URL): nothing is sent, the row says so. */
describe('mail outbox API, mail off (e2e)', () => {
  let api: TestApi;
  let staffToken: string;

  beforeAll(async () => {
    api = await startTestApi({ env: { PUBLIC_URL: 'https://rostrum.test' } });
    staffToken = api.tokenFor(await makeUser(api.db, 'staff'));
  }, 60_000);
  afterAll(() => api?.close());

  const list = (query = '', token = staffToken) =>
    request(api.url).get(`/api/mail${query}`).set('Authorization', `Bearer ${token}`);

  it('should record a password-reset mail as not sent, without its link, when mail is off', async () => {
    const user = await makeUser(api.db, 'delegate');
    await request(api.url)
      .post('/api/auth/password-reset')
      .set('Accept-Language', 'fr-CH, fr;q=0.9, en;q=0.5')
      .send({ email: user.email })
      .expect(202);
    const row = await eventually(() => api.db.getRepository(MailOutboxEntity).findOneBy({ userId: user.id }));
    expect(row).toMatchObject({
      kind: 'password_reset',
      to: user.email,
      language: 'fr',
      subject: 'Réinitialisez votre mot de passe Rostrum',
      status: 'failed',
      attempts: 0,
      lastError: MAIL_OFF_ERROR,
      text: null,
      html: null,
    });
    expect(row.messageId).toBe(`<${row.id}@rostrum.test>`);

    const res = await list('?status=failed').expect(200);
    expect((res.body as MailView[]).map((m) => m.id)).toContain(row.id);
    expect(Object.keys(res.body[0]).sort()).toEqual(
      ['attempts', 'createdAt', 'id', 'kind', 'lastError', 'sentAt', 'status', 'subject', 'to'].sort(),
    );
    expect((await list('?status=sent').expect(200)).body).toEqual([]);
  });

  it('should page the list newest first with the total in X-Total-Count', async () => {
    const user = await makeUser(api.db, 'delegate');
    for (let i = 0; i < 3; i++) {
      await request(api.url).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      await eventually(
        async () => (await api.db.getRepository(MailOutboxEntity).countBy({ userId: user.id })) > i,
      );
    }
    const all = await list().expect(200);
    const total = Number(all.headers['x-total-count']);
    expect(total).toBeGreaterThanOrEqual(4);
    const page = await list('?limit=2&offset=1').expect(200);
    expect(page.body).toEqual(all.body.slice(1, 3));
    const times = (all.body as MailView[]).map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('should refuse a bad status and keep the outbox from everyone but staff and admins', async () => {
    expect((await list('?status=lost').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await list('?limit=0').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const delegate = await makeUser(api.db, 'delegate');
    expect((await list('', api.tokenFor(delegate)).expect(403)).body.code).toBe('FORBIDDEN');
    await request(api.url).get('/api/mail').expect(401);
    const admin = await makeUser(api.db, 'admin');
    await list('', api.tokenFor(admin)).expect(200);
  });
});
