import { AppEvents } from '../common/app-events';
import type Redis from 'ioredis';
import { loadConfig } from '@rostrum/config';
import { LivePublisher } from './live-publisher';
import { PresenceService } from './presence.service';

const PANEL = 'panel-1';

/**
 * The few Redis commands presence uses, in memory. Pipelines reach "Redis" when sent; their reply can be
 * held back (`holdReplies`) to make a round trip as slow as a loaded network or server.
 */
class FakeRedis {
  readonly hashes = new Map<string, Map<string, string>>();
  private held: (() => void)[] | null = null;

  holdReplies(): void {
    this.held = [];
  }

  releaseReplies(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const release of held) release();
  }

  pipeline() {
    const ops: (() => unknown)[] = [];
    const pipeline = {
      hset: (key: string, field: string, value: string) => (
        ops.push(() => this.hset(key, field, value)),
        pipeline
      ),
      hdel: (key: string, field: string) => (ops.push(() => this.hdel(key, field)), pipeline),
      pexpire: () => (ops.push(() => 1), pipeline),
      exec: async () => {
        const results = ops.map((op) => [null, op()]);
        if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
        return results;
      },
    };
    return pipeline;
  }

  async set(): Promise<'OK'> {
    return 'OK';
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.hashes.get(key) ?? []);
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    const hash = this.hashes.get(key);
    for (const field of fields) hash?.delete(field);
    if (hash?.size === 0) this.hashes.delete(key);
    return fields.length;
  }

  private hset(key: string, field: string, value: string): number {
    const hash = this.hashes.get(key) ?? new Map<string, string>();
    hash.set(field, value);
    this.hashes.set(key, hash);
    return 1;
  }
}

describe('PresenceService', () => {
  const config = loadConfig({ REDIS_PREFIX: 'unit' });
  const key = `unit:presence:${PANEL}`;
  let redis: FakeRedis;
  let emitted: unknown[];
  let sut: PresenceService;

  beforeEach(() => {
    jest.useFakeTimers();
    redis = new FakeRedis();
    emitted = [];
    const publisher = { toPanel: () => ({ emit: (_event: string, body: unknown) => emitted.push(body) }) };
    sut = new PresenceService(
      redis as unknown as Redis,
      config,
      publisher as unknown as LivePublisher,
      new AppEvents(),
    );
    sut.onApplicationBootstrap();
  });

  afterEach(async () => {
    await sut.beforeApplicationShutdown();
    jest.useRealTimers();
  });

  it('should write this instance’s count to Redis and drop it when the last client leaves', async () => {
    sut.joined(PANEL, 'delegate');
    sut.joined(PANEL, 'public');
    await jest.advanceTimersByTimeAsync(500);
    expect(JSON.parse(redis.hashes.get(key)!.values().next().value!)).toMatchObject({
      delegates: 1,
      public: 1,
    });

    sut.left(PANEL, 'delegate');
    sut.left(PANEL, 'public');
    await jest.advanceTimersByTimeAsync(500);

    expect(redis.hashes.has(key)).toBe(false);
  });

  it('should leave no count in Redis when the last clients leave while a write is on its way', async () => {
    sut.joined(PANEL, 'moderator');
    sut.joined(PANEL, 'delegate');
    redis.holdReplies();
    await jest.advanceTimersByTimeAsync(500); // the write of {moderators: 1, delegates: 1} is sent
    sut.left(PANEL, 'moderator');
    sut.left(PANEL, 'delegate');
    redis.releaseReplies();
    await jest.advanceTimersByTimeAsync(1000);

    expect(redis.hashes.has(key)).toBe(false);
    expect(emitted.at(-1)).toEqual({
      panelId: PANEL,
      online: { moderators: 0, panelists: 0, delegates: 0, public: 0 },
    });
  });
});
