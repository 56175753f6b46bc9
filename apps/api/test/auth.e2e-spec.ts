import request from 'supertest';
import {
  makeDelegation,
  makeEvent,
  makeUser,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@rostrum/test-harness';
import { InvitationEntity, ParticipantEntity } from '@rostrum/database';
import { JwtService } from '@nestjs/jwt';

describe('accounts: invitations, registration, login (e2e)', () => {
  let api: TestApi;
  let staffToken: string;

  beforeAll(async () => {
    api = await startTestApi({
      env: { BOOTSTRAP_ADMIN_EMAIL: 'Admin@Example.org', BOOTSTRAP_ADMIN_PASSWORD: 'admin-password-1' },
    });
    const staff = await makeUser(api.db, 'staff');
    staffToken = api.tokenFor(staff);
  });
  afterAll(() => api.close());

  const post = (path: string, body: object, token?: string) => {
    const req = request(api.url).post(path).send(body);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('should sign the bootstrap admin in when the env names one', async () => {
    const res = await post('/api/auth/login', {
      email: 'admin@example.org',
      password: 'admin-password-1',
    }).expect(200);
    expect(res.body.user).toMatchObject({ email: 'admin@example.org', role: 'admin', delegationId: null });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await request(api.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.role).toBe('admin');
  });

  it('should take a delegate from invitation to registration (accredited to the event), login and me', async () => {
    const delegation = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    const event = await makeEvent(api.db);
    const inv = await post(
      '/api/invitations',
      { role: 'delegate', eventId: event.id, delegationId: delegation.id },
      staffToken,
    ).expect(201);
    expect(inv.body).toMatchObject({
      role: 'delegate',
      delegationId: delegation.id,
      code: expect.any(String),
    });
    expect(new Date(inv.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const reg = await post('/api/auth/register', {
      invitationCode: inv.body.code,
      name: 'Ana Pereira',
      email: 'Ana@Example.org',
      password: 'long-enough-password',
    }).expect(201);
    expect(reg.body.user).toMatchObject({
      name: 'Ana Pereira',
      email: 'ana@example.org',
      role: 'delegate',
      delegationId: delegation.id,
    });
    expect(
      await api.db
        .getRepository(ParticipantEntity)
        .findOneBy({ eventId: event.id, userId: reg.body.user.id }),
    ).toMatchObject({ status: 'accredited', focalPoint: false });

    const login = await post('/api/auth/login', {
      email: 'ana@example.org',
      password: 'long-enough-password',
    }).expect(200);
    const me = await request(api.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual(reg.body.user);
  });

  it('should refuse a used invitation with 409 INVITATION_USED', async () => {
    const inv = await post('/api/invitations', { role: 'panelist' }, staffToken).expect(201);
    await post('/api/auth/register', {
      invitationCode: inv.body.code,
      name: 'P One',
      email: 'p1@example.org',
      password: 'long-enough-password',
    }).expect(201);
    const again = await post('/api/auth/register', {
      invitationCode: inv.body.code,
      name: 'P Two',
      email: 'p2@example.org',
      password: 'long-enough-password',
    }).expect(409);
    expect(again.body).toEqual({ statusCode: 409, code: 'INVITATION_USED', message: expect.any(String) });
    await post('/api/auth/login', { email: 'p2@example.org', password: 'long-enough-password' }).expect(401);
  });

  it('should refuse an expired invitation with 410 INVITATION_EXPIRED and create no account', async () => {
    const inv = await post('/api/invitations', { role: 'moderator' }, staffToken).expect(201);
    await api.db
      .getRepository(InvitationEntity)
      .update(inv.body.id, { expiresAt: new Date(Date.now() - 1000) });
    const res = await post('/api/auth/register', {
      invitationCode: inv.body.code,
      name: 'Late',
      email: 'late@example.org',
      password: 'long-enough-password',
    }).expect(410);
    expect(res.body.code).toBe('INVITATION_EXPIRED');
    await post('/api/auth/login', { email: 'late@example.org', password: 'long-enough-password' }).expect(
      401,
    );
  });

  it('should refuse a short password and a delegate invitation without delegation', async () => {
    const inv = await post('/api/invitations', { role: 'staff' }, staffToken).expect(201);
    const res = await post('/api/auth/register', {
      invitationCode: inv.body.code,
      name: 'S',
      email: 's@example.org',
      password: 'short',
    }).expect(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('at least 10'),
    });
    const noDelegation = await post('/api/invitations', { role: 'delegate' }, staffToken).expect(400);
    expect(noDelegation.body.message).toContain('delegationId');
  });

  it('should answer a wrong password with 401 UNAUTHENTICATED', async () => {
    const user = await makeUser(api.db, 'moderator');
    const res = await post('/api/auth/login', { email: user.email, password: 'not-the-password' }).expect(
      401,
    );
    expect(res.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: 'Email or password is incorrect',
    });
    await post('/api/auth/login', { email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('should refuse expired and tampered tokens with 401', async () => {
    const user = await makeUser(api.db, 'staff');
    const expired = new JwtService({ secret: api.config.jwt.secret }).sign(
      { sub: user.id, name: user.name, role: 'staff', del: null },
      { expiresIn: -10, issuer: 'rostrum' },
    );
    const res = await request(api.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');

    const good = api.tokenFor(user);
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;
    await request(api.url).get('/api/users').set('Authorization', `Bearer ${forged}`).expect(401);
    await request(api.url).get('/api/auth/me').expect(401);
  });

  it('should rate limit login attempts with 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post('/api/auth/login', {
        email: 'nobody@example.org',
        password: 'whatever-password',
      });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.code).toBe('RATE_LIMITED');
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
