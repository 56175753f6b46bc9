import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@rostrum/config';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app';

const ROOT = join(__dirname, '../../..');

/** The worker in this process, on a test API's database, Redis prefix and directories. */
export async function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  return createWorkerApp(config);
}

/** The environment that makes a worker process use the same database, Redis prefix and directories. */
export function workerEnv(config: AppConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    REDIS_PREFIX: config.redisPrefix,
    JWT_SECRET: config.jwt.secret,
    RECORDINGS_DIR: config.recordingsDir,
    ARCHIVE_DIR: config.archiveDir,
    ARCHIVE_ATTEMPTS: String(config.archive.attempts),
    ARCHIVE_BACKOFF_MS: String(config.archive.backoffMs),
    ARCHIVE_LOCK_MS: String(config.archive.lockMs),
    ARCHIVE_STALLED_INTERVAL_MS: String(config.archive.stalledIntervalMs),
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  /** Resolves with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to its whole process group (ffmpeg included), as a container kill would. */
  kill(): void;
}

/**
 * A real worker process (`node -r @swc-node/register apps/worker/src/main.ts`), in its own process group so
 * a test can kill it and its ffmpeg children at once.
 */
export function spawnWorkerProcess(config: AppConfig, extraEnv: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...workerEnv(config, extraEnv) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    kill: () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // already gone
      }
    },
  };
}
