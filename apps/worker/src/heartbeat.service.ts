import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';

/** The container healthcheck reads this file's age: fresh only while PostgreSQL and Redis both answer. */
export const HEARTBEAT_FILE = join(tmpdir(), 'rostrum-worker.heartbeat');
const EVERY_MS = 10_000;

@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  private timer?: NodeJS.Timeout;
  private redis?: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.redis = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5000 });
    this.redis.on('error', () => undefined); // outages show as skipped heartbeats, not as unhandled events
    await this.beat();
    this.timer = setInterval(() => void this.beat(), EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    clearInterval(this.timer);
    this.redis?.disconnect();
    this.logger.log(`worker stopped${signal ? ` on ${signal}` : ''}`);
  }

  private async beat(): Promise<void> {
    try {
      await Promise.all([this.redis!.ping(), this.db.query('SELECT 1')]);
      const now = new Date();
      await utimes(HEARTBEAT_FILE, now, now).catch(() => writeFile(HEARTBEAT_FILE, now.toISOString()));
    } catch (err) {
      this.logger.warn({ err }, 'heartbeat skipped: a dependency did not answer');
    }
  }
}
