import 'reflect-metadata';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@rostrum/config';
import { Role } from '@rostrum/contracts';
import { dataSourceOptions, prepareDatabase } from '@rostrum/database';
import { accreditEverywhere } from '@rostrum/testing';
import { jwtOptions } from '../../apps/api/src/auth/jwt-options';
import { TokenService } from '../../apps/api/src/auth/token.service';

const JWT_SECRET = 'benchmark-secret-0123456789-0123456789-ab';

export interface BenchUser {
  id: string;
  name: string;
  role: Role;
  delegationId: string | null;
}

/** A benchmark's own database and Redis prefix, the environment for its API processes, and tokens. */
export interface BenchSetup {
  /** Environment for API processes started with `startChild`. */
  env: Record<string, string>;
  db: DataSource;
  prefix: string;
  redisUrl: string;
  issue(user: BenchUser): string;
  /** Drops the database and the Redis keys under the prefix. */
  cleanup(): Promise<void>;
}

/** Creates and migrates a fresh database and picks a fresh Redis prefix; `cleanup()` removes both. */
export async function createBenchSetup(): Promise<BenchSetup> {
  const base = loadConfig();
  const dbName = `rostrum_bench_${randomBytes(4).toString('hex')}`;
  const dbUrl = Object.assign(new URL(base.databaseUrl), { pathname: `/${dbName}` }).toString();
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const env = {
    DATABASE_URL: dbUrl,
    REDIS_URL: base.redisUrl,
    REDIS_PREFIX: prefix,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
  };
  await prepareDatabase(dbUrl);
  const db = await new DataSource(dataSourceOptions(dbUrl, { extra: { max: 4 } })).initialize();
  const config = loadConfig(env);
  const tokens = new TokenService(new JwtService(jwtOptions(config)), config);
  return {
    env,
    db,
    prefix,
    redisUrl: base.redisUrl,
    issue: (user) => tokens.issue(user),
    cleanup: async () => {
      await db.destroy().catch(() => undefined);
      await dropDatabase(base.databaseUrl, dbName);
      await dropRedisKeys(base.redisUrl, prefix);
    },
  };
}

/** Inserts `count` delegates, ten per delegation, in a few statements (argon2 hashes would take minutes). */
export async function seedDelegates(db: DataSource, count: number): Promise<BenchUser[]> {
  const tag = randomBytes(3).toString('hex');
  const delegations: { id: string }[] = await db.query(
    `INSERT INTO delegations (name, kind, code)
     SELECT 'Delegation ' || g, 'member_state', 'B' || $2 || g FROM generate_series(1, $1) g RETURNING id`,
    [Math.ceil(count / 10), tag],
  );
  const users: BenchUser[] = await db.query(
    `INSERT INTO users (email, name, password_hash, role, delegation_id)
     SELECT 'bench-' || $2 || '-' || g || '@bench.local', 'Delegate ' || g, 'not-a-hash', 'delegate',
            ($3::uuid[])[((g - 1) / 10) + 1]
     FROM generate_series(1, $1) g
     RETURNING id, name, role, delegation_id AS "delegationId"`,
    [count, tag, delegations.map((d) => d.id)],
  );
  // Accredited to every event, those there now and those made later with the factories.
  await accreditEverywhere(
    db,
    users.map((u) => u.id),
  );
  return users;
}

/** The keys under `<prefix>:<pattern>` (SCAN, never KEYS). */
export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found;
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({
    connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString(),
  });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  const keys = await scanKeys(redis, `${prefix}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  await redis.quit();
}
