import { MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { LiveCommand, LiveUser } from '../live/live-command';
import { AnswerQuestionDto, AskQuestionDto, QuestionRefDto } from './dto/qa-command.dto';
import { QaAskService } from './qa-ask.service';
import { QaModerationService } from './qa-moderation.service';
import { QaVotesService } from './qa-votes.service';

/** Q&A's socket commands (`qa:*`); the rules live in the services. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class QaGateway {
  constructor(
    private readonly asks: QaAskService,
    private readonly votes: QaVotesService,
    private readonly moderation: QaModerationService,
  ) {}

  @LiveCommand('qa:ask', ['delegate', 'panelist'])
  ask(@LiveUser() user: AuthUser, @MessageBody() dto: AskQuestionDto) {
    return this.asks.ask(user, dto);
  }

  @LiveCommand('qa:vote', ['delegate'])
  vote(@LiveUser() user: AuthUser, @MessageBody() dto: QuestionRefDto) {
    return this.votes.vote(user, dto);
  }

  @LiveCommand('qa:approve', ['moderator'])
  approve(@LiveUser() user: AuthUser, @MessageBody() dto: QuestionRefDto) {
    return this.moderation.approve(user, dto);
  }

  @LiveCommand('qa:dismiss', ['moderator'])
  dismiss(@LiveUser() user: AuthUser, @MessageBody() dto: QuestionRefDto) {
    return this.moderation.dismiss(user, dto);
  }

  @LiveCommand('qa:answered', ['moderator'])
  answered(@LiveUser() user: AuthUser, @MessageBody() dto: QuestionRefDto) {
    return this.moderation.markAnswered(user, dto);
  }

  @LiveCommand('qa:answer', ['panelist', 'moderator'])
  answer(@LiveUser() user: AuthUser, @MessageBody() dto: AnswerQuestionDto) {
    return this.moderation.answer(user, dto);
  }
}
