import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// bigint (int8) as a JS number: our bigints (log sequence, byte sizes, counts) stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

/** The one place the DataSource is described; the apps, the CLI and the tests all use it. */
export function dataSourceOptions(
  databaseUrl: string,
  extra: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is core since PostgreSQL 13: no extension to install, no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Pool sized for a 2-core API instance; a floor command holds a connection for one short transaction.
    extra: { max: 20, connectionTimeoutMillis: 5000, statement_timeout: 15000 },
    ...extra,
  } as DataSourceOptions;
}
