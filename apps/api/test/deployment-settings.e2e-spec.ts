import { generateKeyPairSync, randomBytes } from 'node:crypto';
import request from 'supertest';
import { startTestApi, TestApi } from '@rostrum/test-harness';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(48).toString('base64'),
  RECORD_SIGNING_KEY: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
};

describe('deployment settings (e2e)', () => {
  const apis: TestApi[] = [];
  afterAll(() => Promise.all(apis.map((a) => a.close())));
  const boot = async (env: Record<string, string>) => {
    const api = await startTestApi({ env });
    apis.push(api);
    return api;
  };

  describe('API docs', () => {
    it('should serve /api/docs outside production', async () => {
      const api = await boot({});
      await request(api.url).get('/api/docs/openapi.json').expect(200);
      await request(api.url).get('/api/docs').redirects(1).expect(200);
    });

    it('should not serve /api/docs in production, unless API_DOCS=true', async () => {
      const closed = await boot(PRODUCTION);
      const res = await request(closed.url).get('/api/docs/openapi.json').expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
      await request(closed.url).get('/api/docs').expect(404);
      const open = await boot({ ...PRODUCTION, API_DOCS: 'true' });
      const doc = await request(open.url).get('/api/docs/openapi.json').expect(200);
      expect(doc.body.info.title).toBe('Rostrum API');
    });
  });

  describe('TRUST_PROXY', () => {
    /** Ten failed sign-ins for one email "from" `from`, then the eleventh "from" `next`: its status. */
    async function eleventhSignIn(api: TestApi, from: string, next: string): Promise<number> {
      const email = `someone-${randomBytes(4).toString('hex')}@example.org`;
      const attempt = (address: string) =>
        request(api.url)
          .post('/api/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email, password: 'not-the-password' });
      for (let i = 0; i < 10; i++) expect((await attempt(from)).status).toBe(401);
      return (await attempt(next)).status;
    }

    it('should ignore X-Forwarded-For when TRUST_PROXY is unset: the connection is the client', async () => {
      const api = await boot({});
      expect(await eleventhSignIn(api, '203.0.113.1', '203.0.113.2')).toBe(429);
      const https = await request(api.url).get('/api/health').set('X-Forwarded-Proto', 'https');
      expect(https.headers['strict-transport-security']).toBeUndefined();
    });

    it('should ignore X-Forwarded-For from an address that is not a configured proxy', async () => {
      const api = await boot({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7' });
      expect(await eleventhSignIn(api, '203.0.113.1', '203.0.113.2')).toBe(429);
    });

    it('should believe X-Forwarded-For and -Proto from a configured proxy', async () => {
      const api = await boot({ TRUST_PROXY: '127.0.0.1' });
      expect(await eleventhSignIn(api, '203.0.113.1', '203.0.113.2')).toBe(401);
      const https = await request(api.url).get('/api/health').set('X-Forwarded-Proto', 'https');
      expect(https.headers['strict-transport-security']).toContain('max-age=');
    });
  });
});
