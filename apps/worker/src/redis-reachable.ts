import Redis from 'ioredis';

/**
 * Called before the worker's modules start: BullMQ would otherwise retry and log for ever, while a worker
 * that cannot reach Redis at start should stop with one clear line.
 */
export async function assertRedisReachable(redisUrl: string): Promise<void> {
  const probe = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 5000, retryStrategy: () => null });
  let cause: Error | undefined;
  probe.on('error', (err: Error) => (cause ??= err));
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new Error(`cannot reach Redis at ${redisUrl} (${(cause ?? (err as Error)).message})`, {
      cause: err,
    });
  } finally {
    probe.disconnect();
  }
}
