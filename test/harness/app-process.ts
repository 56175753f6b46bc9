import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '@rostrum/config';
import { freePort } from '@rostrum/testing';

const ROOT = join(__dirname, '../..');

/** A real app process (the API or the worker), as a container runs it. */
export interface AppProcess {
  child: ChildProcess;
  /**
   * The last 200 kB it printed: room for a start-up's whole log (the pino transport flushes its lines after
   * what the app writes to stdout itself, such as the ready banner). Failure messages show the last 20 kB.
   */
  output(): string;
  /** Resolves with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to its whole process group (ffmpeg included), as a container kill or an OOM would. */
  kill(): void;
}

/**
 * Runs `node -r @swc-node/register <entry>` from the repository root with only `env` (and PATH, HOME), in its
 * own process group so a test can kill it and its children at once. `ipc`: with a message channel
 * (`child.send`), for a helper process the test drives; an app proper has none, as in production.
 */
export function spawnAppProcess(
  entry: string,
  env: Record<string, string>,
  { ipc = false } = {},
): AppProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
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

/** The environment that makes an app process use a test config's database, Redis prefix and directories. */
export function appProcessEnv(config: AppConfig, extra: Record<string, string> = {}): Record<string, string> {
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
    TRANSCRIBE_LANGUAGES: config.transcribe.languages.join(','),
    TRANSCRIBE_CHUNK_SECONDS: String(config.transcribe.chunkSeconds),
    TRANSCRIBE_ATTEMPTS: String(config.transcribe.attempts),
    ...Object.fromEntries(
      Object.entries(config.transcribe.modelDirs).map(([l, dir]) => [
        `TRANSCRIBE_MODEL_DIR_${l.toUpperCase()}`,
        dir,
      ]),
    ),
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface ApiProcess extends AppProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
}

/**
 * The API as its own process (`apps/api/src/main.ts`) on a test config's database and Redis prefix; resolves
 * once its health check answers 200.
 */
export async function startApiProcess(
  config: AppConfig,
  extraEnv: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ApiProcess> {
  const port = await freePort();
  const app = spawnAppProcess('apps/api/src/main.ts', {
    ...appProcessEnv(config, { LOG_LEVEL: 'warn' }),
    PORT: String(port),
    ...extraEnv,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (app.child.exitCode !== null)
      throw new Error(`the API process exited:\n${app.output().slice(-20_000)}`);
    const healthy = await fetch(`${url}/api/health`)
      .then((res) => res.ok)
      .catch(() => false);
    if (healthy) return { ...app, url, port };
    if (Date.now() > deadline) {
      app.kill();
      throw new Error(
        `the API process was not healthy within ${timeoutMs} ms:\n${app.output().slice(-20_000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
