import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import Redis from 'ioredis';
import { Public } from '../auth/auth.decorators';
import { REDIS } from '../redis/redis.module';

type CheckState = 'up' | 'down';

/** `GET /api/health`: real round trips to PostgreSQL and Redis, in the contract's shape. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and dependencies: 200 when PostgreSQL and Redis answer, 503 otherwise' })
  async check(@Res({ passthrough: true }) res: Response) {
    const checks: Record<'database' | 'redis', CheckState> = { database: 'down', redis: 'down' };
    try {
      await this.health.check([
        () => this.db.pingCheck('database', { timeout: 2000 }),
        () => this.pingRedis('redis'),
      ]);
      checks.database = 'up';
      checks.redis = 'up';
    } catch (err) {
      const details = ((err as { response?: { details?: Record<string, { status: string }> } }).response
        ?.details ?? {}) as Record<string, { status: string }>;
      checks.database = details.database?.status === 'up' ? 'up' : 'down';
      checks.redis = details.redis?.status === 'up' ? 'up' : 'down';
    }
    const ok = checks.database === 'up' && checks.redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks };
  }

  private async pingRedis(key: string) {
    const indicator = this.indicators.check(key);
    try {
      const answer = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return answer === 'PONG' ? indicator.up() : indicator.down({ message: String(answer) });
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}
