import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { InvitationsController } from '../invitations/invitations.controller';
import { InvitationsService } from '../invitations/invitations.service';
import { MailModule } from '../mail/mail.module';
import { QaModule } from '../qa/qa.module';
import { FocalPointsService } from './focal-points.service';
import { InvitationImportController } from './invitation-import.controller';
import { InvitationImportService } from './invitation-import.service';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';

/**
 * Who takes part in which event: invitations (one at a time and imported from CSV), accreditations and
 * their revocation, and focal points managing their delegation. The floor and Q&A modules lend the
 * commands a revocation goes through; the mail outbox sends the invitations.
 */
@Module({
  imports: [FloorModule, QaModule, MailModule],
  controllers: [InvitationsController, ParticipantsController, InvitationImportController],
  providers: [InvitationsService, ParticipantsService, FocalPointsService, InvitationImportService],
})
export class AccreditationModule {}
