import { Module } from '@nestjs/common';
import { QaAskLimiter } from './qa-ask-limiter';
import { QaAskService } from './qa-ask.service';
import { QaModerationService } from './qa-moderation.service';
import { QaListeners } from './qa-listeners';
import { QaQuestionPublisher } from './qa-question.publisher';
import { QaReportsController } from './qa-reports.controller';
import { QaReportsService } from './qa-reports.service';
import { QaVotesBroadcaster } from './qa-votes.broadcaster';
import { QaVotesService } from './qa-votes.service';
import { QaGateway } from './qa.gateway';

/** Moderated Q&A on the /live socket (asks, votes, moderation, answers) and its REST list and export. */
@Module({
  controllers: [QaReportsController],
  providers: [
    QaGateway,
    QaAskService,
    QaAskLimiter,
    QaVotesService,
    QaVotesBroadcaster,
    QaModerationService,
    QaQuestionPublisher,
    QaListeners,
    QaReportsService,
  ],
  exports: [QaModerationService],
})
export class QaModule {}
