import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@rostrum/config';
import { prepareDatabase } from '@rostrum/database';
import { createApiApp } from './create-api-app';
import { readyBanner } from './ready-banner';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = new Logger('Api');
  if (config.jwt.isDevelopmentSecret) {
    logger.warn('JWT_SECRET is not set: using the development secret. Set it before exposing this server.');
  }
  await prepareDatabase(config.databaseUrl);
  const app = await createApiApp(config);
  await app.listen(config.port);
  logger.log(`Rostrum API listening on http://localhost:${config.port}/api`);
  if (config.nodeEnv === 'development') process.stdout.write(`${readyBanner(config)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Rostrum API failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
