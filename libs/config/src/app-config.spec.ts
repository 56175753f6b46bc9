import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('should apply the contract defaults when the environment is empty', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({
      port: 3000,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/rostrum',
      redisUrl: 'redis://127.0.0.1:6379',
      livekit: null,
      bootstrapAdmin: null,
      corsOrigins: [],
      webcastHls: false,
    });
    expect(sut.jwt.isDevelopmentSecret).toBe(true);
    expect(sut.recordingsDir).toMatch(/data\/recordings$/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ WEBCAST_HLS: 'maybe' }, 'WEBCAST_HLS'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org' }, 'BOOTSTRAP_ADMIN_PASSWORD'],
    [{ LIVEKIT_URL: 'ws://localhost:7880' }, 'LIVEKIT_API_KEY'],
  ])('should name the variable when %j is invalid', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('should require JWT_SECRET when NODE_ENV is production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      'Invalid configuration: JWT_SECRET is required when NODE_ENV=production',
    );
    const sut = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect(sut.jwt.isDevelopmentSecret).toBe(false);
  });

  it('should parse CORS_ORIGINS, WEBCAST_HLS and a complete LiveKit block', () => {
    const sut = loadConfig({
      CORS_ORIGINS: 'https://a.example.org, https://b.example.org',
      WEBCAST_HLS: 'true',
      LIVEKIT_URL: 'wss://live.example.org',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: 's'.repeat(32),
    });
    expect(sut.corsOrigins).toEqual(['https://a.example.org', 'https://b.example.org']);
    expect(sut.webcastHls).toBe(true);
    expect(sut.livekit).toEqual({ url: 'wss://live.example.org', apiKey: 'key', apiSecret: 's'.repeat(32) });
  });

  it('should print one line naming the variable and exit 1 from an entry point', () => {
    const { spawnSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const res = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', '-e', "require('./libs/config/src/app-config').loadConfigOrExit()"],
      { env: { ...process.env, PORT: 'nope' }, encoding: 'utf8' },
    );
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: PORT must be a whole number from 0 to 65535 (got "nope")',
    ]);
  });
});
