import { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig } from '@rostrum/config';
import { Role } from '@rostrum/contracts';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { createTestDatabase, TestDatabase, testConfig } from '@rostrum/testing';

export interface TestApi {
  app: NestExpressApplication;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  config: AppConfig;
  db: DataSource;
  database: TestDatabase;
  /** A bearer token for a user, as the login route would issue it. */
  tokenFor(user: { id: string; name: string; role: Role; delegationId: string | null }): string;
  /** Stops this instance (keeps the database, so a second instance can share it). */
  stop(): Promise<void>;
  /** Stops and drops the database. */
  close(): Promise<void>;
}

export interface StartTestApiOptions {
  /** Share a database (and Redis prefix) with another instance: pass its config. */
  shareWith?: TestApi;
  env?: Record<string, string>;
  /** How the API reaches its database, e.g. through a TcpProxy: `(url) => proxy.route(url)`. */
  routeDatabase?: (url: string) => string;
}

/** Boots the real API on a free port against a fresh database, the way production boots it. */
export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
  const database = options.shareWith?.database ?? (await createTestDatabase());
  // A second instance shares the first one's database and Redis prefix, as replicas of one deployment do.
  const databaseUrl = options.routeDatabase ? options.routeDatabase(database.url) : database.url;
  const config = options.shareWith
    ? { ...testConfig(databaseUrl, options.env), redisPrefix: options.shareWith.config.redisPrefix }
    : testConfig(databaseUrl, options.env);
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    db: app.get<DataSource>(getDataSourceToken()),
    database,
    tokenFor: (user) => app.get(TokenService).issue(user),
    stop,
    close: async () => {
      await stop();
      if (!options.shareWith) await database.drop();
    },
  };
}
