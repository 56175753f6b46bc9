import { ChildProcess, fork, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface Child {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Forks a TypeScript entry of bench/lib (compiled on the fly by @swc-node) and waits for its port. */
export function startChild(entry: string, env: Record<string, string> = {}): Promise<Child> {
  const child = fork(join(__dirname, entry), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    child.on('message', (m: { ready?: number }) => {
      if (!m.ready) return;
      child.removeAllListeners('exit');
      child.once('exit', (code, signal) => {
        if (code !== 0) console.error(`${entry} stopped (${signal ?? code})`);
      });
      resolve({
        port: m.ready,
        process: child,
        stop: () =>
          new Promise((done) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.send({ stop: true });
          }),
      });
    });
  });
}

/**
 * Thousands of sockets need as many file descriptors. If the soft limit is too low, run this benchmark
 * again under a shell that raises it (up to the hard limit) and exit with its status.
 */
export function ensureFileLimit(needed: number): void {
  if (process.env.BENCH_FILE_LIMIT_RAISED) return;
  const soft = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isFinite(soft) || soft >= needed) return;
  const hard = spawnSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim();
  const target = hard === 'unlimited' ? needed : Math.min(needed, Number(hard));
  console.log(`raising the open-file limit from ${soft} to ${target}`);
  const result = spawnSync(
    'sh',
    [
      '-c',
      `ulimit -n ${target} && exec "$0" "$@"`,
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_FILE_LIMIT_RAISED: '1' } },
  );
  process.exit(result.status ?? 1);
}
