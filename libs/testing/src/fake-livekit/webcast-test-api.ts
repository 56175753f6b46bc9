import Redis from 'ioredis';
import { ClaimGrants, TokenVerifier } from 'livekit-server-sdk';
import { startTestApi, TestApi } from '../api-test-app';
import { FakeLiveKitOptions, FakeLiveKitServer } from './fake-livekit-server';

export interface WebcastTestApi {
  api: TestApi;
  livekit: FakeLiveKitServer;
  /** Verifies a LiveKit join token with the API secret and returns its claims. */
  decode(token: string): Promise<ClaimGrants>;
  close(): Promise<void>;
}

/**
 * The real API pointed at a fresh stand-in LiveKit server, whose webhooks go back to the API.
 * `close()` also removes the test's BullMQ and presence keys from Redis.
 */
export async function startWebcastTestApi(
  options: { env?: Record<string, string>; livekit?: FakeLiveKitOptions } = {},
): Promise<WebcastTestApi> {
  const livekit = await FakeLiveKitServer.start(options.livekit);
  const api = await startTestApi({ env: { ...livekit.env(), ...options.env } });
  livekit.webhookUrl = `${api.url}/api/livekit/webhook`;
  const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);
  return {
    api,
    livekit,
    decode: (token) => verifier.verify(token),
    close: async () => {
      await api.close();
      await livekit.stop();
      await clearRedisPrefix(api.config.redisUrl, api.config.redisPrefix);
    },
  };
}

/** Deletes every key under `<prefix>:` (queues, schedulers, presence, rate limits of one test app). */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Polls until `check` returns a truthy value (or throws its last error after `timeoutMs`). */
type Falsy = false | null | undefined | 0 | '';

export async function eventually<T>(
  check: () => Promise<T | Falsy> | T | Falsy,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as T;
      if (Date.now() > deadline) throw new Error('eventually: condition still false');
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
