// A Rostrum API instance in its own process, for benchmarks: the clients' work must not share its CPU time.
import 'reflect-metadata';
import { loadConfig } from '@rostrum/config';
import { createApiApp } from '../../apps/api/src/create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  process.send?.({ ready: port });
  process.on('message', (m: { stop?: boolean; memory?: boolean }) => {
    if (m.stop) void app.close().then(() => process.exit(0));
    // For memory benchmarks (run with --expose-gc to measure after a collection).
    if (m.memory) {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ memory: process.memoryUsage() });
    }
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
