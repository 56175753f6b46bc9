import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { AppError } from '../common/app-error';
import { REDIS } from '../redis/redis.module';

/** A user may ask at most this many questions in any minute (a sliding window, over all API instances). */
export const ASK_LIMIT = { questions: 5, windowMs: 60_000 } as const;

/**
 * Takes a slot in the user's window: a sorted set of recent asks, timed by Redis's own clock so instances
 * with skewed clocks agree. Answers 0 when taken, else how many ms until the oldest slot frees.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 0
`;

/** The slot an ask holds; given back when the ask is refused, so only questions asked count. */
export interface AskSlot {
  release(): Promise<void>;
}

@Injectable()
export class QaAskLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Takes a slot, or throws RATE_LIMITED (SERVICE_UNAVAILABLE when Redis cannot be asked). */
  async take(userId: string): Promise<AskSlot> {
    const key = `${this.config.redisPrefix}:qa:asks:${userId}`;
    const member = randomUUID();
    let waitMs: number;
    try {
      waitMs = Number(await this.redis.eval(TAKE, 1, key, ASK_LIMIT.windowMs, ASK_LIMIT.questions, member));
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', 'Questions cannot be taken right now; try again');
    }
    if (waitMs > 0) {
      throw new AppError(
        'RATE_LIMITED',
        `You may ask at most ${ASK_LIMIT.questions} questions a minute; try again in ${Math.ceil(waitMs / 1000)} s`,
      );
    }
    return {
      release: async () => {
        await this.redis.zrem(key, member).catch(() => undefined); // the slot then just ages out
      },
    };
  }
}
