import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawnAppProcess } from '@rostrum/test-harness';

/** Secrets as docker-compose used to default them, and as the repository writes them. */
const COMPOSE_LIVEKIT_SECRET = 'rostrum-livekit-dev-secret-change-me-0123456789';
const DEV_JWT_SECRET = 'rostrum-development-secret-do-not-use-in-production';

const SAFE = {
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(48).toString('base64'),
  RECORD_SIGNING_KEY: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
  // Nothing listens here: a process that got past its configuration would fail later, differently.
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
  REDIS_URL: 'redis://127.0.0.1:1',
  LOG_LEVEL: 'silent',
};

/** Runs an entry point as production would, and answers its exit code and what it printed. */
async function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const app = spawnAppProcess(entry, env);
  const { code } = await app.exited;
  return { code, output: app.output() };
}

describe('production refuses unsafe defaults (API and worker processes)', () => {
  const { JWT_SECRET: _unset, ...withoutJwtSecret } = SAFE;
  const { RECORD_SIGNING_KEY: _noKey, ...withoutSigningKey } = SAFE;
  const cases: [string, Record<string, string>, string, string | null][] = [
    ['JWT_SECRET unset', withoutJwtSecret, 'JWT_SECRET', null],
    ['JWT_SECRET the development one', { ...SAFE, JWT_SECRET: DEV_JWT_SECRET }, 'JWT_SECRET', DEV_JWT_SECRET],
    [
      'LIVEKIT_API_SECRET the compose default',
      {
        ...SAFE,
        LIVEKIT_URL: 'http://livekit:7880',
        LIVEKIT_API_KEY: 'APIrostrumdev',
        LIVEKIT_API_SECRET: COMPOSE_LIVEKIT_SECRET,
      },
      'LIVEKIT_API_SECRET',
      COMPOSE_LIVEKIT_SECRET,
    ],
    ['RECORD_SIGNING_KEY unset', withoutSigningKey, 'RECORD_SIGNING_KEY', null],
  ];

  it.each(cases)(
    'should refuse %s: one line naming the variable, never its value',
    async (_, env, variable, value) => {
      const [api, worker] = await Promise.all([
        run('apps/api/src/main.ts', env),
        run('apps/worker/src/main.ts', env),
      ]);
      for (const { code, output } of [api, worker]) {
        expect(code).toBe(1);
        expect(output.trim().split('\n')).toEqual([
          expect.stringMatching(new RegExp(`^Invalid configuration: ${variable} `)),
        ]);
        if (value) expect(output).not.toContain(value);
      }
    },
  );

  it('should pass the configuration with safe values (and then fail on the missing database, not on it)', async () => {
    const { code, output } = await run('apps/worker/src/main.ts', SAFE);
    expect(code).toBe(1);
    expect(output).not.toContain('Invalid configuration');
  });
});
