import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import {
  AppConfig,
  AppConfigModule,
  loggerParams,
  QueueErrorsModule,
  queueRootOptions,
} from '@rostrum/config';
import { dataSourceOptions } from '@rostrum/database';
import { ArchiveModule } from './archive/archive.module';
import { HeartbeatService } from './heartbeat.service';
import { LiveCaptionsModule } from './live-captions/live-captions.module';
import { MailModule } from './mail/mail.module';

/** The worker: BullMQ processors over the shared database and Redis; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        // Each mail in flight holds a connection for its SMTP exchange (MAIL_CONCURRENCY), the archive one more.
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, { extra: { max: 12 } })),
        BullModule.forRoot(queueRootOptions(config)),
        QueueErrorsModule.forRoot(),
        ArchiveModule.forRoot(config),
        MailModule.forRoot(config),
        ...(config.liveCaptions ? [LiveCaptionsModule] : []),
      ],
      providers: [HeartbeatService],
    };
  }
}
