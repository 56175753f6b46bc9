import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import {
  APP_CONFIG,
  AppConfig,
  AppConfigModule,
  loggerParams,
  QueueErrorsModule,
  queueRootOptions,
  redactUrl,
} from '@rostrum/config';
import { dataSourceOptions } from '@rostrum/database';
import { AccreditationModule } from './accreditation/accreditation.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { EventsModule } from './events/events.module';
import { InterpretationModule } from './interpretation/interpretation.module';
import { FloorModule } from './floor/floor.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MailModule } from './mail/mail.module';
import { PanelChangeModule } from './panels/change/panel-change.module';
import { PanelsModule } from './panels/panels.module';
import { publicThrottler } from './public/public-limits';
import { PublicModule } from './public/public.module';
import { QaModule } from './qa/qa.module';
import { RecordModule } from './record/record.module';
import { RecordingsModule } from './recordings/recordings.module';
import { RedisThrottlerStorage } from './redis/redis-throttler.storage';
import { REDIS, RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';
import { UsersModule } from './users/users.module';
import { WebcastModule } from './webcast/webcast.module';
import { webcastTokenThrottler } from './webcast/webcast-token.throttler';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(
          loggerParams(config, {
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: redactUrl(req.url),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          }),
        ),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)),
        RedisModule,
        BullModule.forRoot(queueRootOptions(config)),
        QueueErrorsModule.forRoot({ promptWorkerStop: true }),
        ThrottlerModule.forRootAsync({
          inject: [REDIS, APP_CONFIG],
          useFactory: (redis: Redis, cfg: AppConfig) => ({
            throttlers: [webcastTokenThrottler, publicThrottler],
            storage: new RedisThrottlerStorage(redis, cfg),
          }),
        }),
        PanelChangeModule,
        AuthModule,
        MailModule,
        PanelsModule,
        UsersModule,
        AccreditationModule,
        EventsModule,
        InterpretationModule,
        PublicModule,
        RecordingsModule,
        HealthModule,
        WebcastModule,
        LiveModule,
        FloorModule,
        QaModule,
        RecordModule,
        ReportsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
