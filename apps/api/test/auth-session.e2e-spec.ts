import request from 'supertest';
import {
  connectLive,
  LiveTestClient,
  makeDelegation,
  makeUser,
  startTestApi,
  TEST_PASSWORD,
  TestApi,
} from '@rostrum/test-harness';
import { UserEntity } from '@rostrum/database';

const APP_ORIGIN = 'https://app.example.org';
const REVOKED_SOCKET_BOUND_MS = 5000;

/** The session cookie a sign-in set, as a `Cookie` request header. */
const sessionCookie = (res: request.Response) => {
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((c) => c.startsWith('rostrum_session='));
  if (!cookie) throw new Error('no rostrum_session cookie set');
  return { header: cookie.split(';')[0], attributes: cookie };
};

describe('web sessions: the HttpOnly cookie, the Origin check, sign-out and revocation (e2e)', () => {
  let api: TestApi;
  /** A second instance on the same database and Redis, as behind a load balancer. */
  let other: TestApi;
  const clients: LiveTestClient[] = [];
  const track = (c: LiveTestClient) => (clients.push(c), c);

  beforeAll(async () => {
    // TRUST_PROXY: the HTTPS test comes through the loopback "proxy" (X-Forwarded-Proto).
    const env = { CORS_ORIGINS: APP_ORIGIN, TRUST_PROXY: 'loopback' };
    api = await startTestApi({ env });
    other = await startTestApi({ shareWith: api, env });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await other.stop();
    await api.close();
  });

  const signIn = async (user: UserEntity, on: TestApi = api) => {
    const res = await request(on.url)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    return { token: res.body.accessToken as string, cookie: sessionCookie(res) };
  };

  /** Watches a connected socket; `within()` resolves with how long after now the server closed it. */
  const watchClose = (client: LiveTestClient) => {
    const since = Date.now();
    const closed = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    return {
      within: async () => {
        expect(await closed).toBe('io server disconnect');
        return Date.now() - since;
      },
    };
  };

  describe('the cookie', () => {
    it('should be set HttpOnly and SameSite=Lax at sign-in, not Secure over plain HTTP', async () => {
      const { cookie } = await signIn(await makeUser(api.db, 'delegate'));
      expect(cookie.attributes).toMatch(/HttpOnly/i);
      expect(cookie.attributes).toMatch(/SameSite=Lax/i);
      expect(cookie.attributes).toMatch(/Path=\//);
      expect(cookie.attributes).not.toMatch(/Secure/i);
    });

    it('should be Secure when the request came over HTTPS through a trusted proxy', async () => {
      const user = await makeUser(api.db, 'delegate');
      const res = await request(api.url)
        .post('/api/auth/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      expect(sessionCookie(res).attributes).toMatch(/; Secure/i);
    });

    it('should be set by registration too', async () => {
      const staff = await makeUser(api.db, 'staff');
      const inv = await request(api.url)
        .post('/api/invitations')
        .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
        .send({ role: 'panelist' })
        .expect(201);
      const res = await request(api.url)
        .post('/api/auth/register')
        .send({
          invitationCode: inv.body.code,
          name: 'Pia',
          email: 'pia@example.org',
          password: 'long-enough-password',
        })
        .expect(201);
      const me = await request(api.url)
        .get('/api/auth/me')
        .set('Cookie', sessionCookie(res).header)
        .expect(200);
      expect(me.body.email).toBe('pia@example.org');
    });

    it('should sign REST requests and the socket handshake in, on every instance', async () => {
      const user = await makeUser(api.db, 'delegate');
      const { cookie } = await signIn(user);
      const me = await request(other.url).get('/api/auth/me').set('Cookie', cookie.header).expect(200);
      expect(me.body.id).toBe(user.id);
      const client = track(await connectLive(other.url, { headers: { cookie: cookie.header } }));
      const panel = await request(api.url).get('/api/auth/me').set('Cookie', cookie.header).expect(200);
      expect(panel.body.role).toBe('delegate');
      expect(client.socket.connected).toBe(true);
    });
  });

  describe('the Origin check on cookie-authenticated writes', () => {
    let delegationBody: () => object;
    let cookie: string;

    beforeAll(async () => {
      cookie = (await signIn(await makeUser(api.db, 'staff'))).cookie.header;
      let n = 0;
      delegationBody = () => ({
        name: `Originland ${++n}`,
        kind: 'observer',
        code: `OR${n}${Date.now() % 10000}`,
      });
    });

    it('should refuse a write with the cookie and no Origin with 403 FORBIDDEN, creating nothing', async () => {
      const body = delegationBody();
      const res = await request(api.url)
        .post('/api/delegations')
        .set('Cookie', cookie)
        .send(body)
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      const list = await request(api.url).get('/api/delegations').set('Cookie', cookie).expect(200);
      expect(list.body.map((d: { name: string }) => d.name)).not.toContain((body as { name: string }).name);
    });

    it('should refuse a write with the cookie from a foreign Origin with 403 FORBIDDEN', async () => {
      const res = await request(api.url)
        .post('/api/delegations')
        .set('Cookie', cookie)
        .set('Origin', 'https://evil.example')
        .send(delegationBody())
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it("should accept a write with the cookie from the API's own origin or a CORS_ORIGINS one", async () => {
      await request(api.url)
        .post('/api/delegations')
        .set('Cookie', cookie)
        .set('Origin', api.url)
        .send(delegationBody())
        .expect(201);
      await request(api.url)
        .post('/api/delegations')
        .set('Cookie', cookie)
        .set('Origin', APP_ORIGIN)
        .send(delegationBody())
        .expect(201);
    });

    it('should not ask a bearer-authenticated write for an Origin', async () => {
      const staff = await makeUser(api.db, 'staff');
      await request(api.url)
        .post('/api/delegations')
        .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
        .send(delegationBody())
        .expect(201);
    });
  });

  describe('revocation', () => {
    it('should clear the cookie and revoke the session at sign-out: REST at once, open sockets on every instance within 5 s', async () => {
      const user = await makeUser(api.db, 'delegate');
      const { token, cookie } = await signIn(user);
      const here = track(await connectLive(api.url, { headers: { cookie: cookie.header } }));
      const there = track(await connectLive(other.url, { token }));

      const [hereClosed, thereClosed] = [watchClose(here), watchClose(there)];
      const out = await request(api.url)
        .post('/api/auth/logout')
        .set('Cookie', cookie.header)
        .set('Origin', api.url)
        .expect(204);
      expect(sessionCookie(out).attributes).toMatch(/Expires=Thu, 01 Jan 1970/);

      await request(other.url).get('/api/auth/me').set('Cookie', cookie.header).expect(401);
      await request(other.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(await hereClosed.within()).toBeLessThan(REVOKED_SOCKET_BOUND_MS);
      expect(await thereClosed.within()).toBeLessThan(REVOKED_SOCKET_BOUND_MS);
      await expect(connectLive(api.url, { token })).rejects.toMatchObject({ message: 'UNAUTHENTICATED' });
      // Signing in again works, with a fresh token.
      const again = await signIn(user, other);
      await request(api.url).get('/api/auth/me').set('Cookie', again.cookie.header).expect(200);
    });

    it('should revoke earlier tokens at a password change and keep the changer signed in with a new cookie', async () => {
      const user = await makeUser(api.db, 'moderator');
      const { token, cookie } = await signIn(user);
      const socket = watchClose(track(await connectLive(other.url, { token })));
      const res = await request(api.url)
        .post('/api/auth/password')
        .set('Cookie', cookie.header)
        .set('Origin', api.url)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' })
        .expect(204);
      await request(api.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      await request(other.url).get('/api/auth/me').set('Cookie', sessionCookie(res).header).expect(200);
      expect(await socket.within()).toBeLessThan(REVOKED_SOCKET_BOUND_MS);

      await request(api.url)
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(401);
      await request(api.url)
        .post('/api/auth/login')
        .send({ email: user.email, password: 'a-brand-new-password' })
        .expect(200);
    });

    it('should refuse a password change with a wrong current password with 403, changing nothing', async () => {
      const user = await makeUser(api.db, 'moderator');
      const { token } = await signIn(user);
      const res = await request(api.url)
        .post('/api/auth/password')
        .set('Authorization', `Bearer ${token}`)
        .send({ currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' })
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await request(api.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it("should revoke a user's tokens when an admin changes their role, and when an admin deactivates them", async () => {
      const admin = await makeUser(api.db, 'admin');
      const asAdmin = (path: string, body: object) =>
        request(api.url)
          .patch(path)
          .set('Authorization', `Bearer ${api.tokenFor(admin)}`)
          .send(body);
      const user = await makeUser(api.db, 'panelist');

      const first = await signIn(user);
      const socket = watchClose(track(await connectLive(other.url, { token: first.token })));
      const promoted = await asAdmin(`/api/users/${user.id}`, { role: 'moderator' }).expect(200);
      expect(promoted.body).toMatchObject({ id: user.id, role: 'moderator', active: true });
      await request(api.url).get('/api/auth/me').set('Authorization', `Bearer ${first.token}`).expect(401);
      expect(await socket.within()).toBeLessThan(REVOKED_SOCKET_BOUND_MS);

      const second = await signIn(user, other);
      const me = await request(api.url).get('/api/auth/me').set('Cookie', second.cookie.header).expect(200);
      expect(me.body.role).toBe('moderator');
      const socket2 = watchClose(track(await connectLive(api.url, { token: second.token })));
      await asAdmin(`/api/users/${user.id}`, { active: false }).expect(200);
      await request(other.url).get('/api/auth/me').set('Authorization', `Bearer ${second.token}`).expect(401);
      expect(await socket2.within()).toBeLessThan(REVOKED_SOCKET_BOUND_MS);
      const refused = await request(api.url)
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(401);
      expect(refused.body.message).toMatch(/deactivated/);
    });

    it('should leave other users and unrelated changes alone', async () => {
      const admin = await makeUser(api.db, 'admin');
      const delegation = await makeDelegation(api.db);
      const bystander = await makeUser(api.db, 'delegate', { delegationId: delegation.id });
      const user = await makeUser(api.db, 'staff');
      const bystanderSession = await signIn(bystander);
      const socket = track(await connectLive(api.url, { token: bystanderSession.token }));
      await request(api.url)
        .patch(`/api/users/${user.id}`)
        .set('Authorization', `Bearer ${api.tokenFor(admin)}`)
        .send({ active: false })
        .expect(200);
      await request(api.url)
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${bystanderSession.token}`)
        .expect(200);
      expect((await socket.send('panel:leave', { panelId: delegation.id })).ok).toBe(true);
      expect(socket.socket.connected).toBe(true);
    });

    it('should let only admins change accounts, with the contract errors', async () => {
      const staff = await makeUser(api.db, 'staff');
      const admin = await makeUser(api.db, 'admin');
      const user = await makeUser(api.db, 'panelist');
      await request(api.url)
        .patch(`/api/users/${user.id}`)
        .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
        .send({ active: false })
        .expect(403);
      const asAdmin = (body: object) =>
        request(api.url)
          .patch(`/api/users/${user.id}`)
          .set('Authorization', `Bearer ${api.tokenFor(admin)}`)
          .send(body);
      expect((await asAdmin({ role: 'delegate' }).expect(400)).body.message).toContain('delegationId');
      expect((await asAdmin({ active: 'no' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      await asAdmin({ password: 'x' }).expect(400);
      await request(api.url)
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${api.tokenFor(user)}`)
        .expect(200);
    });
  });
});
