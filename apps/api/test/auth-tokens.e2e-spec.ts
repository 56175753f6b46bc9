import { createHmac } from 'node:crypto';
import request from 'supertest';
import { connectLive, makeUser, startTestApi, TEST_JWT_SECRET, TestApi } from '@rostrum/test-harness';
import { UserEntity } from '@rostrum/database';

/** A JWT built by hand, so the header and claims can say anything an attacker might put there. */
function craft(header: object, claims: object, sign: (input: string) => string): string {
  const b64 = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(input)}`;
}
const hmac = (algorithm: string) => (input: string) =>
  createHmac(algorithm, TEST_JWT_SECRET).update(input).digest('base64url');

describe('access tokens: HS256 only, issuer and audience "rostrum" (e2e)', () => {
  let api: TestApi;
  let user: UserEntity;
  let claims: Record<string, unknown>;

  beforeAll(async () => {
    api = await startTestApi();
    user = await makeUser(api.db, 'staff');
    const now = Math.floor(Date.now() / 1000);
    claims = {
      sub: user.id,
      name: user.name,
      role: user.role,
      del: null,
      ver: 0,
      iss: 'rostrum',
      aud: 'rostrum',
      iat: now,
      exp: now + 600,
    };
  });
  afterAll(() => api.close());

  const hs256 = (overrides: object = {}) =>
    craft({ alg: 'HS256', typ: 'JWT' }, { ...claims, ...overrides }, hmac('sha256'));

  const refused: [string, () => string][] = [
    ['alg none', () => craft({ alg: 'none', typ: 'JWT' }, claims, () => '')],
    ['HS512', () => craft({ alg: 'HS512', typ: 'JWT' }, claims, hmac('sha512'))],
    // The classic confusion: an RS256 header, "signed" with the HMAC secret as if it were the public key.
    ['RS256 with the secret as key', () => craft({ alg: 'RS256', typ: 'JWT' }, claims, hmac('sha256'))],
    ['another issuer', () => hs256({ iss: 'someone-else' })],
    ['another audience', () => hs256({ aud: 'another-service' })],
    ['no audience', () => hs256({ aud: undefined })],
    ['an expired token', () => hs256({ exp: Math.floor(Date.now() / 1000) - 5 })],
  ];

  it('should accept a well-formed HS256 token (the crafting itself is right)', async () => {
    const me = await request(api.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${hs256()}`)
      .expect(200);
    expect(me.body.id).toBe(user.id);
    const client = await connectLive(api.url, { token: hs256() });
    client.close();
  });

  it.each(refused)('should answer %s with 401 UNAUTHENTICATED, as bearer and as cookie', async (_, token) => {
    const bearer = await request(api.url).get('/api/auth/me').set('Authorization', `Bearer ${token()}`);
    expect(bearer.status).toBe(401);
    expect(bearer.body.code).toBe('UNAUTHENTICATED');
    const cookie = await request(api.url).get('/api/auth/me').set('Cookie', `rostrum_session=${token()}`);
    expect(cookie.status).toBe(401);
    expect(cookie.body.code).toBe('UNAUTHENTICATED');
  });

  it.each(refused)(
    'should refuse the socket handshake with %s, as auth token and as cookie',
    async (_, token) => {
      await expect(connectLive(api.url, { token: token() })).rejects.toMatchObject({
        message: 'UNAUTHENTICATED',
      });
      await expect(
        connectLive(api.url, { headers: { cookie: `rostrum_session=${token()}` } }),
      ).rejects.toMatchObject({ message: 'UNAUTHENTICATED' });
    },
  );
});
