import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { RateLimitedError } from '../common/app-error';
import { REDIS } from '../redis/redis.module';

interface Window {
  name: string;
  limit: number;
  ms: number;
}

/** Failed sign-ins (CONTRACT.md, "Sign-in limits"): per (address, email), per address, per email. */
const FAILED_SIGN_IN = {
  addressAndEmail: { name: 'signin-ae', limit: 10, ms: 60_000 },
  address: { name: 'signin-a', limit: 30, ms: 60_000 },
  email: { name: 'signin-e', limit: 20, ms: 15 * 60_000 },
} satisfies Record<string, Window>;
/** Registration, invitation look-ups and password-reset requests, per address. */
const SIGN_UP: Window = { name: 'signup', limit: 10, ms: 60_000 };

/** The longest wait among the windows already at their limit (0: none is). KEYS: counters; ARGV: limits. */
const CHECK = `
local wait = 0
for i, key in ipairs(KEYS) do
  local hits = tonumber(redis.call('GET', key) or '0')
  if hits >= tonumber(ARGV[i]) then wait = math.max(wait, redis.call('PTTL', key)) end
end
return wait
`;
/**
 * Counts one hit in each window (a window starts at its first hit) and answers the longest wait among those
 * now past their limit. KEYS: counters; ARGV: window lengths, then limits.
 */
const COUNT = `
local wait = 0
local n = #KEYS
for i, key in ipairs(KEYS) do
  local hits = redis.call('INCR', key)
  if hits == 1 then redis.call('PEXPIRE', key, ARGV[i]) end
  if hits > tonumber(ARGV[n + i]) then wait = math.max(wait, redis.call('PTTL', key)) end
end
return wait
`;

/**
 * The sign-in and sign-up rate limits, counted in Redis across API instances (fixed windows). Only failed
 * sign-ins count, so a venue of delegates behind one address signs in freely while guessing passwords —
 * one account from many addresses, or many accounts from one — is stopped.
 */
@Injectable()
export class AuthLimitsService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** RATE_LIMITED (with Retry-After) when any failed-sign-in window for this address or email is full. */
  async checkSignIn(address: string, email: string): Promise<void> {
    const windows = this.signInWindows(address, email);
    const waitMs = (await this.redis.eval(
      CHECK,
      windows.length,
      ...windows.map((w) => w.key),
      ...windows.map((w) => w.limit),
    )) as number;
    if (waitMs > 0) throw new RateLimitedError('Too many failed sign-ins; try again later', waitMs);
  }

  async countFailedSignIn(address: string, email: string): Promise<void> {
    await this.count(this.signInWindows(address, email));
  }

  /** Counts a registration, invitation look-up or reset request; RATE_LIMITED past 10 a minute per address. */
  async takeSignUp(address: string): Promise<void> {
    const waitMs = await this.count([{ ...SIGN_UP, key: this.key(SIGN_UP.name, address) }]);
    if (waitMs > 0) throw new RateLimitedError('Too many requests; try again later', waitMs);
  }

  private async count(windows: (Window & { key: string })[]): Promise<number> {
    return (await this.redis.eval(
      COUNT,
      windows.length,
      ...windows.map((w) => w.key),
      ...windows.map((w) => w.ms),
      ...windows.map((w) => w.limit),
    )) as number;
  }

  private signInWindows(address: string, email: string) {
    const { addressAndEmail, address: byAddress, email: byEmail } = FAILED_SIGN_IN;
    return [
      { ...addressAndEmail, key: this.key(addressAndEmail.name, `${address}|${email}`) },
      { ...byAddress, key: this.key(byAddress.name, address) },
      { ...byEmail, key: this.key(byEmail.name, email) },
    ];
  }

  private key(window: string, who: string): string {
    return `${this.config.redisPrefix}:limit:${window}:${who}`;
  }
}
