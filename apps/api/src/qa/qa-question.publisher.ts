import { Injectable } from '@nestjs/common';
import { QuestionView } from '@rostrum/contracts';
import { LivePublisher } from '../live/live-publisher';
import { QuestionState, roomsForChange } from './qa-rules';

export interface QuestionChange {
  question: QuestionView;
  /** The question's state before the change; null for a new question. */
  before: QuestionState | null;
  publicQa: boolean;
}

/**
 * Sends `qa:question` after commit to exactly the clients that may see the question — plus, when a change
 * takes it out of someone's view (a dismissal), to those who saw it before, so their lists drop it.
 * Rooms go through the Redis adapter: clients of every API instance get it.
 */
@Injectable()
export class QaQuestionPublisher {
  constructor(private readonly publisher: LivePublisher) {}

  publish({ question, before, publicQa }: QuestionChange): void {
    const after = { status: question.status, authorId: question.author.id };
    const rooms = roomsForChange(question.panelId, before, after, publicQa);
    this.publisher.toRooms(rooms).emit('qa:question', question);
  }
}

export const stateOf = (q: { status: QuestionState['status']; authorId: string }): QuestionState => ({
  status: q.status,
  authorId: q.authorId,
});
