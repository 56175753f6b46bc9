import request from 'supertest';
import { loadConfig } from '@rostrum/config';
import {
  eventually,
  proxyFor,
  startTestApi,
  TcpProxy,
  TestApi,
  createTestDatabase,
  TestDatabase,
} from '@rostrum/test-harness';

describe('GET /api/health (e2e)', () => {
  let database: TestDatabase;
  let pgProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let api: TestApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    const base = loadConfig();
    pgProxy = await proxyFor(database.url).start();
    redisProxy = await proxyFor(base.redisUrl).start();
    api = await startTestApi({
      env: { DATABASE_URL: pgProxy.route(database.url), REDIS_URL: redisProxy.route(base.redisUrl) },
    });
  });
  // Closing waits for BullMQ's connections, whose reconnect backoff after the outages can reach 20 s.
  afterAll(async () => {
    await pgProxy.start();
    await redisProxy.start();
    await api.stop();
    await pgProxy.cut();
    await redisProxy.cut();
    await database.drop();
    await api.database.drop();
  }, 90_000);

  it('should answer 200 with both dependencies up', async () => {
    const res = await request(api.url).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('should answer 503 naming Redis down when Redis is unreachable, and recover', async () => {
    await redisProxy.cut();
    const res = await request(api.url).get('/api/health').expect(503);
    expect(res.body.checks).toEqual({ database: 'up', redis: 'down' });
    await redisProxy.start();
    await eventually(async () => (await request(api.url).get('/api/health')).status === 200);
  });

  it('should answer 503 naming the database down when PostgreSQL is unreachable, and recover', async () => {
    await pgProxy.cut();
    const res = await request(api.url).get('/api/health').expect(503);
    expect(res.body.checks).toEqual({ database: 'down', redis: 'up' });
    await pgProxy.start();
    await eventually(async () => (await request(api.url).get('/api/health')).status === 200);
  });
});
