import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';
import { PUBLISHED_SECRETS, withoutPassword } from './published-secrets';

const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
/** A production environment that passes: every refusal test changes one variable of it. */
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(48).toString('base64'),
  RECORD_SIGNING_KEY: SIGNING_KEY,
};

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
      attendanceSampleMs: 60_000,
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
    [{ ATTENDANCE_SAMPLE_MS: '10' }, 'ATTENDANCE_SAMPLE_MS'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org' }, 'BOOTSTRAP_ADMIN_PASSWORD'],
    [{ LIVEKIT_URL: 'ws://localhost:7880' }, 'LIVEKIT_API_KEY'],
  ])('should name the variable when %j is invalid', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('should require JWT_SECRET when NODE_ENV is production', () => {
    expect(() => loadConfig({ ...PRODUCTION, JWT_SECRET: undefined })).toThrow(
      /^Invalid configuration: JWT_SECRET is required when NODE_ENV=production/,
    );
    const sut = loadConfig(PRODUCTION);
    expect(sut.jwt.isDevelopmentSecret).toBe(false);
  });

  it('should take RECORD_SIGNING_KEY as an Ed25519 PEM, required in production only', () => {
    const pem = ed25519Pem();
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(
      'Invalid configuration: RECORD_SIGNING_KEY is required when NODE_ENV=production',
    );
    expect(loadConfig({}).recordSigningKey).toBeNull();
    expect(loadConfig({ RECORD_SIGNING_KEY: pem }).recordSigningKey).toBe(pem.trim());
    // One-line env files write the newlines as \n.
    expect(loadConfig({ RECORD_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).recordSigningKey).toBe(pem.trim());
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

describe('loadConfig: production refuses unsafe defaults', () => {
  const attempt = (env: Record<string, string | undefined>) => {
    try {
      loadConfig(env);
    } catch (err) {
      return (err as Error).message;
    }
    return 'started';
  };

  it.each([...PUBLISHED_SECRETS])('should refuse JWT_SECRET %s, naming the variable only', (secret) => {
    const message = attempt({ ...PRODUCTION, JWT_SECRET: secret });
    expect(message).toMatch(/^Invalid configuration: JWT_SECRET is a value published in the repository/);
    expect(message).not.toContain(secret);
  });

  it.each([...PUBLISHED_SECRETS])(
    'should refuse LIVEKIT_API_SECRET %s, naming the variable only',
    (secret) => {
      const message = attempt({ ...PRODUCTION, ...LIVEKIT, LIVEKIT_API_SECRET: secret });
      expect(message).toMatch(
        /^Invalid configuration: LIVEKIT_API_SECRET is a value published in the repository/,
      );
      expect(message).not.toContain(secret);
    },
  );

  it('should refuse to run production without RECORD_SIGNING_KEY, or with one that is not a PKCS#8 key', () => {
    expect(attempt({ ...PRODUCTION, RECORD_SIGNING_KEY: undefined })).toMatch(
      /^Invalid configuration: RECORD_SIGNING_KEY is required when NODE_ENV=production/,
    );
    const rsaPkcs1 = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    for (const bad of ['not a key', rsaPkcs1]) {
      const message = attempt({ ...PRODUCTION, RECORD_SIGNING_KEY: bad });
      expect(message).toMatch(
        /^Invalid configuration: RECORD_SIGNING_KEY must be a PKCS#8 PEM Ed25519 private key/,
      );
      expect(message).not.toContain(bad.slice(0, 40));
    }
  });

  it('should take the signing key with \\n escapes, as env files write it, and leave it optional elsewhere', () => {
    const escaped = SIGNING_KEY.trim().replace(/\n/g, '\\n');
    expect(loadConfig({ ...PRODUCTION, RECORD_SIGNING_KEY: escaped }).recordSigningKey).toBe(
      SIGNING_KEY.trim(),
    );
    expect(loadConfig({}).recordSigningKey).toBeNull();
    expect(loadConfig({}).jwt.isDevelopmentSecret).toBe(true);
  });

  it('should start production with its own secrets', () => {
    expect(attempt({ ...PRODUCTION, ...LIVEKIT, LIVEKIT_API_SECRET: 'k'.repeat(40) })).toBe('started');
  });
});

describe('loadConfig: secrets are never printed', () => {
  it.each([
    ['JWT_SECRET', 'my-short-secret'],
    ['BOOTSTRAP_ADMIN_PASSWORD', 'hunter2'],
    ['LIVEKIT_API_SECRET', 'short-livekit-secret'],
    ['RECORD_SIGNING_KEY', '-----BEGIN PRIVATE KEY-----\nnot-base64-at-all\n-----END PRIVATE KEY-----'],
  ])('should name %s without its value when it is invalid', (variable, value) => {
    const env = {
      ...LIVEKIT,
      BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org',
      BOOTSTRAP_ADMIN_PASSWORD: 'a-fine-password',
      [variable]: value,
    };
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
    expect(() => loadConfig(env)).not.toThrow(value);
  });

  it('should print an invalid URL without its password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://rostrum:s3cr3t-pw@db/rostrum' })).toThrow(
      /^Invalid configuration: DATABASE_URL /,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://rostrum:s3cr3t-pw@db/rostrum' })).not.toThrow(
      's3cr3t-pw',
    );
    expect(withoutPassword('postgres://rostrum:s3cr3t-pw@db:5432/rostrum')).toBe(
      'postgres://rostrum:***@db:5432/rostrum',
    );
  });

  it('should print one line without the value from an entry point', () => {
    const { spawnSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const res = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', '-e', "require('./libs/config/src/app-config').loadConfigOrExit()"],
      { env: { ...process.env, JWT_SECRET: 'too-short-but-still-secret' }, encoding: 'utf8' },
    );
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: JWT_SECRET must be at least 32 characters',
    ]);
  });
});

describe('loadConfig: TRUST_PROXY and API_DOCS', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.0.2.7,fd00::/8', ['10.0.0.0/8', '192.0.2.7', 'fd00::/8']],
    ['loopback', ['loopback']],
  ])('should read TRUST_PROXY %j as %j', (given, expected) => {
    expect(loadConfig({ TRUST_PROXY: given }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '10.0.0.0/33', '10.0.0.1,,', 'proxy.example.org'])(
    'should refuse TRUST_PROXY %j',
    (given) => {
      expect(() => loadConfig({ TRUST_PROXY: given })).toThrow(/^Invalid configuration: TRUST_PROXY /);
    },
  );

  it('should serve the API docs except in production, unless API_DOCS says so', () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig(PRODUCTION).apiDocs).toBe(false);
    expect(loadConfig({ ...PRODUCTION, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({ API_DOCS: 'false' }).apiDocs).toBe(false);
  });
});

describe('loadConfig: mail', () => {
  it('should leave mail off without SMTP_URL, with links to localhost on PORT', () => {
    expect(loadConfig({ PORT: '8080' }).mail).toMatchObject({
      smtpUrl: null,
      from: 'Rostrum <no-reply@localhost>',
      publicUrl: 'http://localhost:8080',
      attempts: 8,
    });
  });

  it('should take a relay, a sender and the site’s address (without its trailing slash)', () => {
    const sut = loadConfig({
      SMTP_URL: 'smtps://rostrum:pw@smtp.example.org:465',
      MAIL_FROM: 'Rostrum Secretariat <secretariat@example.org>',
      PUBLIC_URL: 'https://rostrum.example.org/',
    }).mail;
    expect(sut).toMatchObject({
      smtpUrl: 'smtps://rostrum:pw@smtp.example.org:465',
      from: 'Rostrum Secretariat <secretariat@example.org>',
      publicUrl: 'https://rostrum.example.org',
    });
  });

  it.each([
    [{ SMTP_URL: 'http://smtp.example.org' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp.example.org:587' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://smtp.example.org/path' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'not an address' }, 'MAIL_FROM'],
    [{ MAIL_FROM: 'Rostrum <no-reply@example.org>\r\nBcc: x@example.org' }, 'MAIL_FROM'],
    [{ PUBLIC_URL: 'rostrum.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://rostrum.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://rostrum.example.org/?x=1' }, 'PUBLIC_URL'],
    [{ MAIL_ATTEMPTS: '3' }, 'MAIL_ATTEMPTS'],
  ])('should refuse %j, naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('should never print SMTP_URL, which holds the relay’s password', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://u:s3cr3t-pw@relay/x' })).not.toThrow('s3cr3t-pw');
  });

  it('should want MAIL_FROM and PUBLIC_URL with a relay in production', () => {
    const relay = { ...PRODUCTION, SMTP_URL: 'smtp://relay.example.org:587' };
    expect(() => loadConfig(relay)).toThrow(/^Invalid configuration: MAIL_FROM is required when SMTP_URL/);
    expect(() => loadConfig({ ...relay, MAIL_FROM: 'no-reply@example.org' })).toThrow(
      /^Invalid configuration: PUBLIC_URL is required when SMTP_URL/,
    );
    expect(
      loadConfig({ ...relay, MAIL_FROM: 'no-reply@example.org', PUBLIC_URL: 'https://rostrum.example.org' })
        .mail.smtpUrl,
    ).toBe('smtp://relay.example.org:587');
  });
});
