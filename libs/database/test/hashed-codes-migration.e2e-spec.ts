import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@rostrum/config';
import { dataSourceOptions, MIGRATIONS } from '@rostrum/database';

/** An invitation issued before codes were hashed still redeems after the migration: its code is hashed in place. */
describe('migration SessionsAndHashedCodes (e2e)', () => {
  const name = `rostrum_migration_${randomBytes(4).toString('hex')}`;
  const admin = new URL(loadConfig().databaseUrl);
  const url = Object.assign(new URL(admin.href), { pathname: `/${name}` }).href;
  const run = async (migrations: typeof MIGRATIONS, work?: (db: DataSource) => Promise<void>) => {
    const db = await new DataSource(dataSourceOptions(url, { migrations })).initialize();
    try {
      await db.runMigrations();
      await work?.(db);
    } finally {
      await db.destroy();
    }
  };
  const query = async (sql: string) => {
    const client = new Client({ connectionString: admin.href });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };

  beforeAll(() => query(`CREATE DATABASE "${name}"`));
  afterAll(() => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('should replace each stored code by its SHA-256, as new codes are stored', async () => {
    const at = MIGRATIONS.findIndex((m) => m.name.startsWith('SessionsAndHashedCodes'));
    expect(at).toBeGreaterThan(0);
    await run(MIGRATIONS.slice(0, at), async (db) => {
      await db.query(
        `INSERT INTO invitations (code, role, expires_at) VALUES ('plain-code-1', 'panelist', now() + interval '1 day')`,
      );
    });
    await run(MIGRATIONS.slice(0, at + 1), async (db) => {
      const rows: { code_hash: string }[] = await db.query('SELECT code_hash FROM invitations');
      expect(rows).toEqual([{ code_hash: createHash('sha256').update('plain-code-1').digest('hex') }]);
    });
  });
});
