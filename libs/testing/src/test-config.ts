import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@rostrum/config';

export const TEST_JWT_SECRET = 'test-secret-0123456789-0123456789-abcdef';

/**
 * A config for one test app: its own database, its own Redis key prefix (so test files sharing one Redis
 * never see each other's queues or channels), fresh recording directories and quiet logs.
 */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  const dir = mkdtempSync(join(tmpdir(), 'rostrum-test-'));
  const base = loadConfig();
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: base.redisUrl,
    REDIS_PREFIX: `rt-${randomBytes(5).toString('hex')}`,
    JWT_SECRET: TEST_JWT_SECRET,
    RECORDINGS_DIR: join(dir, 'recordings'),
    ARCHIVE_DIR: join(dir, 'archive'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}
