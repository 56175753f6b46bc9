import { Injectable } from '@nestjs/common';
import { QuestionStatus } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { BatchOutcome, PanelBatch } from '../panels/change/panel-batch';
import { ChangeEntry, PanelChange, PanelChanges } from '../panels/change/panel-changes';
import { QuestionRefDto } from './dto/qa-command.dto';
import { voteRefusal } from './qa-rules';
import { QaVotesBroadcaster } from './qa-votes.broadcaster';

export interface VoteAnswer {
  questionId: string;
  votes: number;
  voted: boolean;
}
interface Submitted {
  actor: AuthUser;
  questionId: string;
}

/**
 * `qa:vote`: a delegate's upvote on an approved question, or its withdrawal (a second vote takes it back).
 * Votes arriving together are applied one by one, in arrival order, in one transaction under the panel's
 * lock (see PanelBatch); the `question_votes` primary key allows one vote per user and question, and
 * each touched count is rewritten from those rows, so counts stay exact however many vote at once. The
 * counts go out coalesced in `qa:votes` (QaVotesBroadcaster).
 */
@Injectable()
export class QaVotesService {
  private readonly batch: PanelBatch<Submitted, VoteAnswer>;

  constructor(
    changes: PanelChanges,
    private readonly broadcaster: QaVotesBroadcaster,
  ) {
    this.batch = new PanelBatch(changes, (change, items) => this.handle(change, items));
  }

  vote(actor: AuthUser, dto: QuestionRefDto): Promise<VoteAnswer> {
    return this.batch.submit(dto.panelId, { actor, questionId: dto.questionId });
  }

  private async handle(change: PanelChange, items: Submitted[]): Promise<BatchOutcome<VoteAnswer>> {
    const { tx, panel } = change;
    if (panel.status !== 'live') throw new AppError('PANEL_NOT_LIVE', 'This panel is not live');
    const questionIds = [...new Set(items.map((s) => s.questionId))];
    const voterIds = [...new Set(items.map((s) => s.actor.id))];
    const questions = new Map(
      (
        (await tx.query(
          `SELECT id, status, author_id AS "authorId", votes FROM questions
           WHERE panel_id = $1 AND id = ANY($2::uuid[])`,
          [panel.id, questionIds],
        )) as { id: string; status: QuestionStatus; authorId: string; votes: number }[]
      ).map((q) => [q.id, q]),
    );
    const existing: { questionId: string; userId: string }[] = await tx.query(
      `SELECT question_id AS "questionId", user_id AS "userId" FROM question_votes
       WHERE question_id = ANY($1::uuid[]) AND user_id = ANY($2::uuid[])`,
      [[...questions.keys()], voterIds],
    );
    const before = new Set(existing.map((v) => voteKey(v.questionId, v.userId)));
    const voted = new Set(before);
    const counts = new Map([...questions.values()].map((q) => [q.id, q.votes]));

    const logs: (ChangeEntry & { questionId: string })[] = [];
    const results = items.map(({ actor, questionId }): VoteAnswer | Error => {
      const question = questions.get(questionId) ?? null;
      const refusal = voteRefusal(question, { userId: actor.id, moderator: false });
      if (refusal) return refusal;
      const key = voteKey(questionId, actor.id);
      const had = voted.has(key);
      if (had) voted.delete(key);
      else voted.add(key);
      const was = counts.get(questionId)!;
      const votes = was + (had ? -1 : 1);
      counts.set(questionId, votes);
      logs.push({
        actor,
        action: 'qa:vote',
        questionId,
        detail: { before: { voted: had, votes: was }, after: { voted: !had, votes } },
      });
      return { questionId, votes, voted: !had };
    });
    if (logs.length === 0) return { results };

    const added = [...voted].filter((k) => !before.has(k)).map(splitKey);
    const removed = [...before].filter((k) => !voted.has(k)).map(splitKey);
    if (added.length > 0) {
      await tx.query(
        `INSERT INTO question_votes (question_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
        [added.map((v) => v.questionId), added.map((v) => v.userId)],
      );
    }
    if (removed.length > 0) {
      await tx.query(
        `DELETE FROM question_votes WHERE (question_id, user_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [removed.map((v) => v.questionId), removed.map((v) => v.userId)],
      );
    }
    const touched = [...new Set(logs.map((l) => l.questionId))];
    // Rewritten from the rows, not incremented: the count cannot drift from the votes it counts.
    await tx.query(
      `UPDATE questions q SET votes = (SELECT count(*) FROM question_votes v WHERE v.question_id = q.id)
       WHERE q.id = ANY($1::uuid[])`,
      [touched],
    );
    for (const entry of logs) change.log(entry);
    return { results, afterCommit: [() => void this.broadcaster.changed(panel.id, touched)] };
  }
}

const voteKey = (questionId: string, userId: string) => `${questionId}|${userId}`;
const splitKey = (key: string) => {
  const [questionId, userId] = key.split('|');
  return { questionId, userId };
};
