import request from 'supertest';
import { makeEvent, startTestApi, TestApi } from '@rostrum/test-harness';
import { PUBLIC_READS, PublicReadGate } from '../src/public/public-limits';

describe('public routes: rate limit and shared pool (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ env: { TRUST_PROXY: '127.0.0.1' } });
    await makeEvent(api.db);
  }, 60_000);

  afterAll(() => api?.close());

  const from = (address: string, path = '/api/public/events') =>
    request(api.url).get(path).set('X-Forwarded-For', address);

  it('should answer 300 requests a minute per address, then 429 RATE_LIMITED with Retry-After', async () => {
    // In batches of 20: the shared pool (4 at a time) makes the rest wait, and on a busy machine a batch of 50
    // would wait past its 5 s and rightly get 503 — that is the next test's subject, not this one's.
    for (let sent = 0; sent < 300; sent += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, () => from('198.51.100.1')));
      expect(batch.map((r) => r.status)).toEqual(Array(20).fill(200));
    }
    const over = await from('198.51.100.1', '/api/public/recordings');
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address (as told by a trusted proxy) is counted on its own.
    await from('198.51.100.2').expect(200);
  });

  it('should run at most a few public reads at once, the rest waiting their turn, all answered', async () => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, PublicReadGate.running)), 1);
    try {
      const crowd = await Promise.all(
        Array.from({ length: 60 }, (_, i) => from(`203.0.113.${i + 1}`, '/api/public/recordings')),
      );
      expect(crowd.map((r) => r.status)).toEqual(Array(60).fill(200));
    } finally {
      clearInterval(watch);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(PUBLIC_READS.concurrent);
    expect(PublicReadGate.running).toBe(0);
  });
});
