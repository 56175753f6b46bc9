import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { UserEntity } from '@rostrum/database';
import { AppError } from '../common/app-error';
import { withTimeout } from '../common/with-timeout';
import { REDIS } from '../redis/redis.module';
import type { AuthUser } from './auth-user';
import { TokenService } from './token.service';

/** How long Redis keeps a user's token version before reading it from PostgreSQL again. */
const VERSION_CACHE_SECONDS = 300;
/**
 * A check that waits longer for Redis asks PostgreSQL instead (the truth). Generous: on a busy instance the
 * timer fires late along with Redis's answer, and falling back then only adds database work to the load.
 */
const REDIS_CHECK_TIMEOUT_MS = 1000;

export type RevokedListener = (userId: string, version: number) => void;

/**
 * Which tokens still stand. Each user has a token version (in PostgreSQL, cached in Redis for every API
 * instance); a token is accepted only while it carries the current one, so revoking all of a user's tokens
 * is one increment. Checked on every REST request and socket handshake: one Redis GET, no database query
 * once cached. Open sockets are closed by the listeners (the live gateway), on every instance.
 */
@Injectable()
export class SessionService {
  private readonly log = new Logger(SessionService.name);
  private readonly listeners: RevokedListener[] = [];
  /** Redis failures are logged once per outage, not at every request. */
  private redisFailing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenService,
  ) {}

  /** The token's user, or UNAUTHENTICATED when it is invalid, expired or revoked. */
  async authenticate(token: string | undefined): Promise<AuthUser> {
    const user = this.tokens.verify(token);
    await this.ensureCurrent(user);
    return user;
  }

  /** UNAUTHENTICATED when the (verified) token was revoked since it was issued. */
  async ensureCurrent(user: AuthUser): Promise<void> {
    if ((await this.currentVersion(user.id)) !== user.tokenVersion) {
      throw new AppError('UNAUTHENTICATED', 'Your session has ended; sign in again');
    }
  }

  /**
   * Revokes every token the user holds now, in the caller's transaction when given. The cached version is
   * overwritten before the transaction commits: should Redis refuse, the transaction fails and nothing is
   * revoked half-way. Returns the new version (tokens issued from now on carry it).
   */
  async revokeAll(userId: string, tx?: EntityManager): Promise<number> {
    const run = async (manager: EntityManager) => {
      const [rows] = (await manager.query(
        'UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version',
        [userId],
      )) as [{ token_version: number }[], number];
      const version = rows[0]?.token_version;
      if (version === undefined) throw new AppError('NOT_FOUND', 'User not found');
      await withTimeout(
        this.redis.set(this.key(userId), String(version), 'EX', VERSION_CACHE_SECONDS),
        2000,
        'token version update',
      );
      return version;
    };
    const version = tx ? await run(tx) : await this.db.transaction(run);
    for (const listener of this.listeners) listener(userId, version);
    return version;
  }

  /** Hears each revocation made on this instance (after the new version is stored). */
  onRevoked(listener: RevokedListener): void {
    this.listeners.push(listener);
  }

  /** The current versions of these users (Redis, falling back to PostgreSQL): for re-checking open sockets. */
  async currentVersions(userIds: string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    await Promise.all(userIds.map(async (id) => versions.set(id, await this.currentVersion(id))));
    return versions;
  }

  private async currentVersion(userId: string): Promise<number> {
    try {
      const cached = await withTimeout(this.redis.get(this.key(userId)), REDIS_CHECK_TIMEOUT_MS, 'version');
      this.redisFailing = false;
      if (cached !== null) return Number(cached);
    } catch (err) {
      if (!this.redisFailing) {
        this.log.warn(
          { err: (err as Error).message },
          'token versions read from the database until Redis answers',
        );
      }
      this.redisFailing = true;
      return this.storedVersion(userId);
    }
    const version = await this.storedVersion(userId);
    // NX: a revocation that wrote a newer version meanwhile is never overwritten by this older read.
    await this.redis.set(this.key(userId), String(version), 'EX', VERSION_CACHE_SECONDS, 'NX').catch(() => 0);
    return version;
  }

  /** -1 for a user that no longer exists: no token matches it. */
  private async storedVersion(userId: string): Promise<number> {
    if (!isUUID(userId)) return -1;
    const user = await this.db
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, select: { id: true, tokenVersion: true } });
    return user?.tokenVersion ?? -1;
  }

  private key(userId: string): string {
    return `${this.config.redisPrefix}:token-version:${userId}`;
  }
}
