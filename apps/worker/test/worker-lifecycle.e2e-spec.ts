import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createTestDatabase, TestDatabase } from '@rostrum/test-harness';

describe('worker process lifecycle', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  const startWorker = (env: Record<string, string>) =>
    spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('should start, connect to Redis and shut down cleanly on SIGTERM', async () => {
    const worker = startWorker({});
    let output = '';
    worker.stdout.on('data', (d) => (output += d));
    worker.stderr.on('data', (d) => (output += d));
    const deadline = Date.now() + 20_000;
    while (!output.includes('Rostrum worker started') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('Rostrum worker started');
    worker.kill('SIGTERM');
    // Nest closes every module, then re-raises the signal so the exit status says why it stopped.
    const [code, signal] = await once(worker, 'close'); // 'close': after its output is drained
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(output).toContain('worker stopped on SIGTERM');
  });

  it('should refuse to start with one clear line when Redis is unreachable', async () => {
    const worker = startWorker({ REDIS_URL: 'redis://127.0.0.1:1' });
    let stderr = '';
    worker.stderr.on('data', (d) => (stderr += d));
    const [code] = await once(worker, 'close');
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Rostrum worker failed to start: cannot reach Redis at redis://127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1)',
    );
  });
});
