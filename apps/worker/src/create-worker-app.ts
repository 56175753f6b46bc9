import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@rostrum/config';
import { WorkerModule } from './worker.module';

/** Boots the worker as an application context; `main.ts` and the tests both call this. */
export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM Nest closes the BullMQ workers, which finish the job in hand (or hand it back) first.
  app.enableShutdownHooks();
  return app;
}
