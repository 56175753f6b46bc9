import { ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';

export interface Child {
  port: number;
  process: ChildProcess;
  /** Sends a request (see `answerAsks`) and resolves with the child's answer. */
  ask<T>(request: object, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Forks a TypeScript entry of bench/lib (compiled on the fly by @swc-node) and waits for its `{ready: port}`.
 * `nodeOptions` go to node itself (e.g. `--expose-gc`, so the child can collect before measuring memory).
 * `checkout`: the root of another copy of the code (e.g. an older commit's) to run the entry from instead.
 */
export function startChild(
  entry: string,
  env: Record<string, string> = {},
  nodeOptions: string[] = [],
  checkout?: string,
): Promise<Child> {
  const child = fork(checkout ? join(checkout, 'bench/lib', entry) : join(__dirname, entry), [], {
    cwd: checkout, // its tsconfig paths, so its own libs
    execArgv: [...nodeOptions, '-r', '@swc-node/register'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    child.on('message', (m: { ready?: number }) => {
      if (m.ready === undefined) return;
      child.removeAllListeners('exit');
      child.once('exit', (code, signal) => {
        if (code !== 0) console.error(`${entry} stopped (${signal ?? code})`);
      });
      resolve({
        port: m.ready,
        process: child,
        ask: (request, timeoutMs) => ask(child, request, timeoutMs),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.send({ stop: true }, () => undefined); // an error here means it is exiting already
          }),
      });
    });
  });
}

let asks = 0;
const running = new Set<ChildProcess>();

/**
 * Bounds a benchmark's run: past `ms` it says so and kills the processes it started, which fails whatever
 * was waiting on them, so the benchmark unwinds through its clean-up and exits non-zero by itself.
 */
export function limitRunTime(ms: number): void {
  setTimeout(() => {
    console.error(`the benchmark ran past its ${Math.round(ms / 1000)} s limit: stopping it`);
    for (const child of running) child.kill('SIGKILL');
    setTimeout(() => process.exit(2), 30_000).unref();
  }, ms).unref();
}

function ask<T>(child: ChildProcess, request: object, timeoutMs = 120_000): Promise<T> {
  const askId = ++asks;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no answer in ${timeoutMs} ms to ${JSON.stringify(request)}`)),
      timeoutMs,
    );
    const onExit = () => done(new Error(`the child exited before answering ${JSON.stringify(request)}`));
    const onMessage = (m: { askId?: number; answer?: T; error?: string }) => {
      if (m.askId !== askId) return;
      if (m.error !== undefined) done(new Error(m.error));
      else done(null, m.answer as T);
    };
    const done = (err: Error | null, answer?: T) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(answer as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ ...request, askId }, (err) => err && done(err));
  });
}

/**
 * The child's side of `Child.ask`: answers each request with `handle`'s result (or its error), and exits
 * when the benchmark that started it goes away, so nothing outlives a crashed or interrupted run.
 */
export function answerAsks(handle: (request: Record<string, unknown>) => Promise<unknown>): void {
  process.on('message', (m: Record<string, unknown> & { askId?: number }) => {
    if (m.askId === undefined) return;
    handle(m).then(
      (answer) => process.send?.({ askId: m.askId, answer }),
      (err: unknown) => process.send?.({ askId: m.askId, error: (err as Error)?.message ?? String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
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

/** This process's memory after full collections (it must run with `--expose-gc`). */
export async function collectedMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc)
    throw new Error('memory is measured after a forced collection: start the process with --expose-gc');
  // Twice, a turn apart: objects freed by finalizers or weak callbacks of the first go in the second.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage();
}

/** Garbage-collection pauses of this process since the last reading (see `gcPauses`). */
export interface GcPauses {
  count: number;
  totalMs: number;
  longestMs: number;
}

let pauses: GcPauses = { count: 0, totalMs: 0, longestMs: 0 };
let observing = false;

/** Answers the pauses since the previous call (the first call starts counting) and starts afresh. */
export function gcPauses(): GcPauses {
  if (!observing) {
    observing = true;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        pauses.count += 1;
        pauses.totalMs += entry.duration;
        pauses.longestMs = Math.max(pauses.longestMs, entry.duration);
      }
    }).observe({ entryTypes: ['gc'] });
  }
  const read = pauses;
  pauses = { count: 0, totalMs: 0, longestMs: 0 };
  return read;
}

/** A process that keeps one core busy (kill it with SIGKILL), for measuring beside load as CI has it. */
export function spinOneCore(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}
