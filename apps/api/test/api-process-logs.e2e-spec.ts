import { spawn } from 'node:child_process';
import {
  ApiProcess,
  appProcessEnv,
  createTestDatabase,
  eventually,
  freePort,
  startApiProcess,
  TestDatabase,
  testConfig,
} from '@rostrum/test-harness';

const SECRETS = {
  invitation: 'INVITE-SECRET-7f3a',
  password: 'PASSWORD-SECRET-7f3a',
  cookie: 'COOKIE-SECRET-7f3a',
  bearer: 'TOKEN-SECRET-7f3a',
  reset: 'RESET-SECRET-7f3a',
};

/** The API as `npm start` runs it in development: what a newcomer and an operator read. */
describe('the API process: ready banner and logs (e2e)', () => {
  let database: TestDatabase;
  let api: ApiProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApiProcess(testConfig(database.url), { NODE_ENV: 'development', LOG_LEVEL: 'info' });
  }, 90_000);

  afterAll(async () => {
    api?.kill();
    await api?.exited;
    await database?.drop();
  });

  it('should print, once ready, where the site and the API docs are and how to get an account', async () => {
    await eventually(() => api.output().includes('Rostrum is ready.'), 20_000, 'the banner');
    const banner = api.output().slice(api.output().indexOf('Rostrum is ready.')).split('\n').slice(0, 5);
    expect(banner).toEqual([
      'Rostrum is ready.',
      `  Site:      http://localhost:${api.port}/`,
      `  API docs:  http://localhost:${api.port}/api/docs`,
      '  Accounts:  npm run seed:demo   (a demo conference; prints its accounts)',
      '             or set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, then restart (creates an admin)',
    ]);
  });

  it('should log requests without invitation codes, passwords, cookies, tokens or reset tokens', async () => {
    await fetch(`${api.url}/register?code=${SECRETS.invitation}`, { headers: { Accept: 'text/html' } });
    await fetch(`${api.url}/api/public/events?token=${SECRETS.reset}`);
    const login = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: `rostrum_session=${SECRETS.cookie}`,
        Authorization: `Bearer ${SECRETS.bearer}`,
      },
      body: JSON.stringify({ email: 'nobody@example.org', password: SECRETS.password }),
    });
    expect(login.status).toBe(401);
    await eventually(() => api.output().includes('"statusCode":401'), 10_000, 'the sign-in logged');
    expect(api.output()).toContain('?token=[redacted]');
    for (const secret of Object.values(SECRETS))
      expect([secret, api.output().includes(secret)]).toEqual([secret, false]);
  });

  it('should print readable lines, not JSON, when a person reads the terminal', async () => {
    const port = await freePort();
    const env = {
      ...appProcessEnv(testConfig(database.url)),
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: String(port),
    };
    // `script` gives the API a terminal, as `npm start` in a shell does.
    const child = spawn(
      'script',
      ['-qfec', `${process.execPath} -r @swc-node/register apps/api/src/main.ts`, '/dev/null'],
      {
        cwd: `${__dirname}/../../..`,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    try {
      await eventually(() => output.includes('Rostrum is ready.'), 60_000, 'the banner');
      await fetch(`http://127.0.0.1:${port}/api/health`);
      await eventually(() => /GET \/api\/health 200/.test(output), 10_000, 'the request line');
      const logLines = output.split(/\r?\n/).filter((l) => /\b(INFO|WARN)\b/.test(l));
      expect(logLines.length).toBeGreaterThan(3);
      for (const line of logLines) expect(line.trim().startsWith('{')).toBe(false);
      expect(output).toMatch(/\[NestApplication\] Nest application successfully started/);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
      await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    }
  }, 90_000);
});
