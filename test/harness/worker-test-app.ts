import { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@rostrum/config';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { AppProcess, appProcessEnv, spawnAppProcess } from './app-process';

/** The worker in this process, on a test API's database, Redis prefix and directories. */
export async function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  return createWorkerApp(config);
}

export type WorkerProcess = AppProcess;

/**
 * A real worker process (`apps/worker/src/main.ts`) on a test API's database, Redis prefix and directories,
 * in its own process group so a test can kill it and its ffmpeg children at once.
 */
export function spawnWorkerProcess(config: AppConfig, extraEnv: Record<string, string> = {}): WorkerProcess {
  return spawnAppProcess('apps/worker/src/main.ts', appProcessEnv(config, extraEnv));
}
