import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@rostrum/config';
import { createWorkerApp } from './create-worker-app';
import { assertRedisReachable } from './redis-reachable';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await assertRedisReachable(config.redisUrl);
  await createWorkerApp(config);
  new Logger('Worker').log('Rostrum worker started');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Rostrum worker failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
