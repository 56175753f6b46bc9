import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@rostrum/contracts';
import { MailOutboxService } from './mail-outbox.service';
import { MailController } from './mail.controller';

/** The mail outbox's API side: queue mails (`MailOutboxService`) and list them (`GET /api/mail`). */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.mail })],
  controllers: [MailController],
  providers: [MailOutboxService],
  exports: [MailOutboxService],
})
export class MailModule {}
