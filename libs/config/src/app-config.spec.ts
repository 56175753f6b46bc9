import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';

const ed25519Pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

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
    const sut = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(32),
      RECORD_SIGNING_KEY: ed25519Pem(),
    });
    expect(sut.jwt.isDevelopmentSecret).toBe(false);
  });

  it('should take RECORD_SIGNING_KEY as an Ed25519 PEM, required in production only', () => {
    const pem = ed25519Pem();
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(
      'Invalid configuration: RECORD_SIGNING_KEY is required when NODE_ENV=production',
    );
    expect(loadConfig({}).recordSigningKey).toBeUndefined();
    expect(loadConfig({ RECORD_SIGNING_KEY: pem }).recordSigningKey).toBe(pem);
    // One-line env files write the newlines as \n.
    expect(loadConfig({ RECORD_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).recordSigningKey).toBe(pem);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    for (const bad of ['not a key', rsa.export({ type: 'pkcs8', format: 'pem' }) as string]) {
      expect(() => loadConfig({ RECORD_SIGNING_KEY: bad })).toThrow(
        'Invalid configuration: RECORD_SIGNING_KEY must be a PKCS#8 PEM Ed25519 private key',
      );
    }
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
    expect(sut.livekit).toEqual({
      url: 'wss://live.example.org',
      publicUrl: 'wss://live.example.org',
      apiKey: 'key',
      apiSecret: 's'.repeat(32),
    });
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

const LIVEKIT = {
  LIVEKIT_URL: 'http://livekit:7880',
  LIVEKIT_API_KEY: 'APIkey',
  LIVEKIT_API_SECRET: 'a-livekit-secret-of-at-least-32-chars',
};

describe('loadConfig: LiveKit', () => {
  it('should leave the webcast off when no LIVEKIT_* variable is set', () => {
    expect(loadConfig({}).livekit).toBeNull();
  });

  it('should give browsers LIVEKIT_URL unless LIVEKIT_PUBLIC_URL says otherwise', () => {
    expect(loadConfig(LIVEKIT).livekit).toMatchObject({
      url: LIVEKIT.LIVEKIT_URL,
      publicUrl: LIVEKIT.LIVEKIT_URL,
    });
    const sut = loadConfig({ ...LIVEKIT, LIVEKIT_PUBLIC_URL: 'wss://live.example.org' });
    expect(sut.livekit).toMatchObject({ url: LIVEKIT.LIVEKIT_URL, publicUrl: 'wss://live.example.org' });
  });

  it('should refuse LIVEKIT_PUBLIC_URL alone, or one that is not a URL, naming the variable', () => {
    expect(() => loadConfig({ LIVEKIT_PUBLIC_URL: 'wss://live.example.org' })).toThrow(
      new ConfigError('LIVEKIT_URL', 'is required when any LIVEKIT_* variable is set'),
    );
    expect(() => loadConfig({ ...LIVEKIT, LIVEKIT_PUBLIC_URL: 'live.example.org' })).toThrow(
      /LIVEKIT_PUBLIC_URL/,
    );
  });
});
