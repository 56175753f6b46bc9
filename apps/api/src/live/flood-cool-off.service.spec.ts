import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@rostrum/config';
import { LIVE_FLOOD_COOL_OFF_MS } from '@rostrum/contracts';
import { eventually, proxyFor, TcpProxy } from '@rostrum/test-harness';
import { FloodCoolOff, FloodCoolOffService } from './flood-cool-off.service';

/** Two API instances' cool-offs over the real Redis, and one whose Redis stops answering. */
describe('FloodCoolOffService', () => {
  const config = loadConfig({
    REDIS_PREFIX: `cool-off-${randomUUID().slice(0, 8)}`,
    REDIS_URL: process.env.REDIS_URL,
  });
  const clients: Redis[] = [];
  const instance = (url = config.redisUrl) => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1000 });
    redis.on('error', () => undefined); // the black-holed one complains; the service copes
    clients.push(redis);
    return new FloodCoolOffService(redis, config);
  };
  let proxy: TcpProxy | undefined;

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await proxy?.cut();
  });

  it('should keep a user cut off on one instance out of another for the cool-off, and nobody else', async () => {
    const [first, second] = [instance(), instance()];
    const cutAt = Date.now();
    first.cutOff('flooder', cutAt);

    const left = await eventually(
      () => second.remaining('flooder', Date.now()),
      2000,
      'the cut-off in Redis',
    );
    expect(left).toBeGreaterThan(LIVE_FLOOD_COOL_OFF_MS - (Date.now() - cutAt) - 100);
    expect(left).toBeLessThanOrEqual(LIVE_FLOOD_COOL_OFF_MS);
    expect(await second.remaining('someone else', Date.now())).toBe(0);
  });

  it('should let users in, at once, when Redis does not answer, yet keep its own cut-offs', async () => {
    proxy = await proxyFor(config.redisUrl).start();
    const sut = instance(proxy.route(config.redisUrl));
    expect(await sut.remaining('warm-up', Date.now())).toBe(0); // connected through the proxy
    proxy.blackHole();

    const askedAt = Date.now();
    expect(await sut.remaining('anyone', Date.now())).toBe(0);
    expect(Date.now() - askedAt).toBeLessThan(1000);
    sut.cutOff('flooder', Date.now());
    expect(await sut.remaining('flooder', Date.now())).toBeGreaterThan(LIVE_FLOOD_COOL_OFF_MS - 1000);
  });
});

describe('flood cool-off', () => {
  it('should keep a key out for the cool-off after it is cut off, and no other key', () => {
    const sut = new FloodCoolOff(5000);
    sut.cutOff('flooder', 1000);
    expect(sut.remaining('flooder', 1000)).toBe(5000);
    expect(sut.remaining('flooder', 5999)).toBe(1);
    expect(sut.remaining('someone else', 2000)).toBe(0);
    expect(sut.remaining('flooder', 6000)).toBe(0);
  });

  it('should start the cool-off again when a key is cut off again', () => {
    const sut = new FloodCoolOff(5000);
    sut.cutOff('flooder', 0);
    sut.cutOff('flooder', 6000);
    expect(sut.remaining('flooder', 7000)).toBe(4000);
  });
});
