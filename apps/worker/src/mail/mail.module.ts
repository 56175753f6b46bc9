import { BullModule, Processor } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@rostrum/config';
import { QUEUES } from '@rostrum/contracts';
import { MailProcessor } from './mail.processor';
import { MailReconciler } from './mail-reconciler';
import { MailSenderService } from './mail-sender.service';
import { MAIL_CONCURRENCY, MailTransport } from './mail-transport';

/** The mail outbox's sending side: a BullMQ worker on the `mail` queue, nodemailer over SMTP. */
@Module({})
export class MailModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Worker options come from the config, so the decorator goes on a subclass made here (as ArchiveModule).
    @Processor(QUEUES.mail, {
      concurrency: MAIL_CONCURRENCY,
      lockDuration: config.mail.lockMs,
      stalledInterval: config.mail.stalledIntervalMs,
      // A job whose worker is killed is taken up again (the row lock died with the worker's connection).
      maxStalledCount: 2,
    })
    class ConfiguredMailProcessor extends MailProcessor {}

    return {
      module: MailModule,
      imports: [BullModule.registerQueue({ name: QUEUES.mail })],
      providers: [MailTransport, MailSenderService, ConfiguredMailProcessor, MailReconciler],
    };
  }
}
