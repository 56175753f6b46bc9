import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@rostrum/config';
import { dataSourceOptions, MIGRATIONS } from '@rostrum/database';

/**
 * An empty database of a migration test's own, for running the migrations up to a point, writing rows as they
 * were then, and running the next one. Created and dropped through the server's maintenance database
 * (`postgres`), which is always there, unlike the configured one.
 */
export function scratchDatabase() {
  const name = `rostrum_migration_${randomBytes(4).toString('hex')}`;
  const admin = Object.assign(new URL(loadConfig().databaseUrl), { pathname: '/postgres' });
  const url = Object.assign(new URL(admin.href), { pathname: `/${name}` }).href;
  const query = async (sql: string) => {
    const client = new Client({ connectionString: admin.href });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  return {
    create: () => query(`CREATE DATABASE "${name}"`),
    drop: () => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    /** Runs these migrations (those not run yet), then `work` on the database. */
    async run(migrations: typeof MIGRATIONS, work?: (db: DataSource) => Promise<void>) {
      const db = await new DataSource(dataSourceOptions(url, { migrations })).initialize();
      try {
        await db.runMigrations();
        await work?.(db);
      } finally {
        await db.destroy();
      }
    },
  };
}
