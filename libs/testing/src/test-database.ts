import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '@rostrum/config';
import { MIGRATIONS, runMigrations } from '@rostrum/database';

/**
 * Integration tests get a database each, cloned from a template migrated once per run. The template's name
 * depends on the checkout and its migrations, so two checkouts testing at once never share one.
 */
export function templateDatabaseName(): string {
  const key = `${process.cwd()}|${MIGRATIONS.map((m) => m.name).join(',')}`;
  return `rostrum_tpl_${createHash('sha1').update(key).digest('hex').slice(0, 12)}`;
}

function serverUrl(database: string): string {
  const url = new URL(loadConfig().databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Called once by jest's globalSetup: a fresh template with every migration applied. */
export async function createTemplateDatabase(): Promise<void> {
  const name = templateDatabaseName();
  await withAdminClient(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  await runMigrations(serverUrl(name));
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `rostrum_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`));
  return {
    name,
    url: serverUrl(name),
    drop: () =>
      withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
