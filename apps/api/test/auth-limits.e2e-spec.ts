import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  eventually,
  makeDelegation,
  makeEvent,
  makeUser,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@rostrum/test-harness';
import { InvitationEntity, PasswordResetEntity, UserEntity } from '@rostrum/database';
import { PasswordService } from '../src/auth/password.service';
import { PasswordResetService } from '../src/auth/password-reset.service';

/** Tests that run 30–50 argon2 verifies one after the other: minutes when the machine is busy. */
const MANY_SIGN_INS_MS = 180_000;

let addressSeq = 0;
/** A client address of its own (the test API trusts the loopback proxy, so X-Forwarded-For is believed). */
const newAddress = () => `198.51.100.${++addressSeq}`;

describe('sign-in limits, registration, invitations and password reset (e2e)', () => {
  let api: TestApi;
  let staffToken: string;

  beforeAll(async () => {
    api = await startTestApi({ env: { TRUST_PROXY: 'loopback' } });
    staffToken = api.tokenFor(await makeUser(api.db, 'staff'));
  });
  afterAll(() => api.close());
  afterEach(() => jest.restoreAllMocks());

  const login = (from: string, email: string, password = 'a-wrong-password') =>
    request(api.url).post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });
  const expectLimited = (res: request.Response) => {
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };
  const invite = (body: object) =>
    request(api.url)
      .post('/api/invitations')
      .set('Authorization', `Bearer ${staffToken}`)
      .send(body)
      .expect(201);

  describe('failed sign-ins', () => {
    it(
      'should stop the 11th failure in a minute for one (address, email), and only that pair',
      async () => {
        const user = await makeUser(api.db, 'delegate');
        const [address, elsewhere] = [newAddress(), newAddress()];
        for (let i = 0; i < 10; i++) expect((await login(address, user.email)).status).toBe(401);
        expectLimited(await login(address, user.email));
        expectLimited(await login(address, user.email, TEST_PASSWORD)); // even with the right password now
        expect((await login(elsewhere, user.email)).status).toBe(401);
        expect((await login(address, 'someone-else@example.org')).status).toBe(401);
        expect((await login(elsewhere, user.email, TEST_PASSWORD)).status).toBe(200);
      },
      MANY_SIGN_INS_MS,
    );

    it(
      'should stop an address after 30 failures in a minute whatever the emails (password spraying)',
      async () => {
        const address = newAddress();
        for (let i = 0; i < 30; i++)
          expect((await login(address, `spray-${i}@example.org`)).status).toBe(401);
        expectLimited(await login(address, 'spray-new@example.org'));
        expect((await login(newAddress(), 'spray-new@example.org')).status).toBe(401);
      },
      MANY_SIGN_INS_MS,
    );

    it(
      'should stop an email after 20 failures in 15 minutes whatever the addresses',
      async () => {
        const user = await makeUser(api.db, 'moderator');
        for (let i = 0; i < 20; i++) expect((await login(newAddress(), user.email)).status).toBe(401);
        expectLimited(await login(newAddress(), user.email));
        expect((await login(newAddress(), 'another@example.org')).status).toBe(401);
      },
      MANY_SIGN_INS_MS,
    );

    it(
      'should let 50 delegates behind one venue address sign in once each',
      async () => {
        const venue = newAddress();
        const delegation = await makeDelegation(api.db);
        const users = await Promise.all(
          Array.from({ length: 50 }, () => makeUser(api.db, 'delegate', { delegationId: delegation.id })),
        );
        const statuses: number[] = [];
        for (const user of users) statuses.push((await login(venue, user.email, TEST_PASSWORD)).status);
        expect(statuses).toEqual(users.map(() => 200));
      },
      MANY_SIGN_INS_MS,
    );

    it('should say that the email or password is wrong, and spend one argon2 verify on an unknown email', async () => {
      const verify = jest.spyOn(api.app.get(PasswordService), 'verify');
      const res = await login(newAddress(), 'nobody-at-all@example.org').expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'Email or password is incorrect',
      });
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0][0]).toMatch(/^\$argon2id\$/);
    });
  });

  describe('registration and invitations', () => {
    const lookupCode = (from: string, body: object) =>
      request(api.url).post('/api/invitations/lookup').set('X-Forwarded-For', from).send(body);
    const register = (from: string, invitationCode: string, email = 'new@example.org') =>
      request(api.url)
        .post('/api/auth/register')
        .set('X-Forwarded-For', from)
        .send({ invitationCode, name: 'New Person', email, password: 'long-enough-password' });

    it('should store only a hash of the code and show the code once, in the answer', async () => {
      const inv = await invite({ role: 'panelist' });
      const row = await api.db.getRepository(InvitationEntity).findOneByOrFail({ id: inv.body.id });
      expect(row.codeHash).toBe(createHash('sha256').update(inv.body.code).digest('hex'));
      const stored = JSON.stringify(
        await api.db.query('SELECT * FROM invitations WHERE id = $1', [inv.body.id]),
      );
      expect(stored).not.toContain(inv.body.code);
      await register(newAddress(), inv.body.code, 'hashed-code@example.org').expect(201);
    });

    it('should check the invitation before hashing the password', async () => {
      const hash = jest.spyOn(api.app.get(PasswordService), 'hash');
      const res = await register(newAddress(), 'no-such-code').expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      const expired = await invite({ role: 'staff' });
      await api.db
        .getRepository(InvitationEntity)
        .update(expired.body.id, { expiresAt: new Date(Date.now() - 1000) });
      await register(newAddress(), expired.body.code).expect(410);
      expect(hash).not.toHaveBeenCalled();
    });

    it('should redeem an invitation that names an email only with that email', async () => {
      const inv = await invite({ role: 'moderator', email: 'Named@Example.org' });
      const wrong = await register(newAddress(), inv.body.code, 'other@example.org').expect(403);
      expect(wrong.body.code).toBe('FORBIDDEN');
      await register(newAddress(), inv.body.code, 'named@example.org').expect(201);
    });

    it('should tell what an invitation is for, without the code, and its status', async () => {
      const delegation = await makeDelegation(api.db, { name: 'Lookupland', code: 'LKP' });
      const event = await makeEvent(api.db, { title: 'Lookup session' });
      const inv = await invite({
        role: 'delegate',
        eventId: event.id,
        delegationId: delegation.id,
        email: 'lk@example.org',
      });
      const lookup = () => lookupCode(newAddress(), { code: inv.body.code });
      const res = await lookup().expect(200);
      expect(res.body).toEqual({
        role: 'delegate',
        delegation: { id: delegation.id, name: 'Lookupland', code: 'LKP' },
        event: {
          id: event.id,
          title: 'Lookup session',
          startsAt: event.startsAt.toISOString(),
          endsAt: event.endsAt.toISOString(),
          timezone: 'UTC',
        },
        email: 'lk@example.org',
        name: null,
        language: null,
        focalPoint: false,
        expiresAt: inv.body.expiresAt,
        status: 'pending',
      });
      await register(newAddress(), inv.body.code, 'lk@example.org').expect(201);
      expect((await lookup().expect(200)).body.status).toBe('used');
      await lookupCode(newAddress(), { code: 'nope' }).expect(404);
      await lookupCode(newAddress(), {}).expect(400);
    });

    it('should limit registrations and look-ups together to 10 a minute per address', async () => {
      const address = newAddress();
      for (let i = 0; i < 5; i++) await register(address, `wrong-${i}`).expect(404);
      for (let i = 0; i < 5; i++) {
        await lookupCode(address, { code: `wrong-${i}` }).expect(404);
      }
      expectLimited(await register(address, 'wrong-again'));
      expectLimited(await lookupCode(address, { code: 'x' }));
      await register(newAddress(), 'wrong-again').expect(404);
    });
  });

  describe('password reset', () => {
    const ask = (email: string, from = newAddress()) =>
      request(api.url).post('/api/auth/password-reset').set('X-Forwarded-For', from).send({ email });
    const confirm = (token: string, password = 'the-reset-password') =>
      request(api.url).post('/api/auth/password-reset/confirm').send({ token, password });
    const resetsOf = (userId: string) => api.db.getRepository(PasswordResetEntity).countBy({ userId });

    it('should answer 202 alike for a known and an unknown address, and issue a link only for the known one', async () => {
      const user = await makeUser(api.db, 'panelist');
      const known = await ask(user.email).expect(202);
      const unknown = await ask('nobody-here@example.org').expect(202);
      expect(known.body).toEqual(unknown.body);
      // The link is made after the answer (so its timing tells nothing).
      expect(await eventually(() => resetsOf(user.id), 10_000, 'the reset link')).toBe(1);
    });

    it('should set the password once with the link, revoke earlier tokens, then answer 410 RESET_EXPIRED', async () => {
      const user = await makeUser(api.db, 'staff');
      const oldToken = (await login(newAddress(), user.email, TEST_PASSWORD).expect(200)).body.accessToken;
      const token = (await api.app.get(PasswordResetService).issueFor(user.email)) as string;
      const row = await api.db.getRepository(PasswordResetEntity).findOneByOrFail({ userId: user.id });
      expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));

      await confirm(token).expect(204);
      await request(api.url).get('/api/auth/me').set('Authorization', `Bearer ${oldToken}`).expect(401);
      await login(newAddress(), user.email, 'the-reset-password').expect(200);
      const again = await confirm(token, 'yet-another-password').expect(410);
      expect(again.body.code).toBe('RESET_EXPIRED');
      await login(newAddress(), user.email, 'yet-another-password').expect(401);
    });

    it('should answer an expired or unknown link with 410 RESET_EXPIRED, changing nothing', async () => {
      const user = await makeUser(api.db, 'staff');
      const token = (await api.app.get(PasswordResetService).issueFor(user.email)) as string;
      await api.db
        .getRepository(PasswordResetEntity)
        .update({ userId: user.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await confirm(token).expect(410)).body.code).toBe('RESET_EXPIRED');
      expect((await confirm('made-up-token').expect(410)).body.code).toBe('RESET_EXPIRED');
      await login(newAddress(), user.email, TEST_PASSWORD).expect(200);
      const stored = await api.db.getRepository(UserEntity).findOneByOrFail({ id: user.id });
      expect(stored.tokenVersion).toBe(0);
    });

    it('should limit reset requests to 10 a minute per address', async () => {
      const address = newAddress();
      for (let i = 0; i < 10; i++) await ask(`r${i}@example.org`, address).expect(202);
      expectLimited(await ask('r-last@example.org', address));
    });
  });
});
