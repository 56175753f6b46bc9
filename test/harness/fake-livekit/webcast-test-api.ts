import Redis from 'ioredis';
import { ClaimGrants, TokenVerifier } from 'livekit-server-sdk';
import { WebcastTokenView } from '@rostrum/contracts';
import { startTestApi, TestApi } from '../api-test-app';
import { FakeLiveKitOptions, FakeLiveKitServer } from './fake-livekit-server';

export interface WebcastTestApi {
  api: TestApi;
  livekit: FakeLiveKitServer;
  /** Verifies a LiveKit join token with the API secret and returns its claims. */
  decode(token: string): Promise<ClaimGrants>;
  /** `POST /api/panels/:id/start` or `/end` as this user (through the real REST route). */
  panelAction(action: 'start' | 'end', panelId: string, user: Person): Promise<void>;
  /** A join token from the API: signed in as `user`, or from the public route without one. */
  joinToken(panelId: string, user?: Person): Promise<WebcastTokenView>;
  close(): Promise<void>;
}

type Person = Parameters<TestApi['tokenFor']>[0];

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
    panelAction: async (action, panelId, user) => {
      await post(api, `/api/panels/${panelId}/${action}`, user);
    },
    joinToken: (panelId, user) =>
      post(
        api,
        user ? `/api/panels/${panelId}/webcast/token` : `/api/public/panels/${panelId}/webcast/token`,
        user,
      ),
    close: async () => {
      await api.close();
      await livekit.stop();
      await clearRedisPrefix(api.config.redisUrl, api.config.redisPrefix);
    },
  };
}

async function post<T>(api: TestApi, path: string, user?: Person): Promise<T> {
  const headers: Record<string, string> = user ? { Authorization: `Bearer ${api.tokenFor(user)}` } : {};
  const res = await fetch(`${api.url}${path}`, { method: 'POST', headers });
  const body = await res.json();
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return body as T;
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
