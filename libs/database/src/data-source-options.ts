import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { QueryDeadlineSubscriber } from './query-deadline.subscriber';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// bigint (int8) as a JS number: our bigints (log sequence, byte sizes, counts) stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

/**
 * The pool's settings, sized for a 2-core API instance (a floor command holds a connection for one short
 * transaction). Without connectionTimeoutMillis a connection attempt to an unreachable server waits
 * for ever; statement_timeout also sets how long a silent server is waited for (QueryDeadlineSubscriber).
 */
const POOL_DEFAULTS = { max: 20, connectionTimeoutMillis: 5000, statement_timeout: 15000 };

/**
 * The one place the DataSource is described; the apps, the CLI and the tests all use it. `overrides.extra`
 * is merged into the pool's defaults (e.g. `{extra: {max: 5}}` keeps the timeouts), the rest replaces.
 */
export function dataSourceOptions(
  databaseUrl: string,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  const { extra, ...rest } = overrides as Partial<DataSourceOptions> & { extra?: object };
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
    subscribers: [QueryDeadlineSubscriber],
    ...rest,
    extra: { ...POOL_DEFAULTS, ...extra },
  } as DataSourceOptions;
}
