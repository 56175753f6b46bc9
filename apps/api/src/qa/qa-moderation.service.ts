import { Injectable } from '@nestjs/common';
import { QuestionView } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/app-error';
import { PanelChanges } from '../panels/change/panel-changes';
import { AnswerQuestionDto, QuestionRefDto } from './dto/qa-command.dto';
import { QaQuestionPublisher, stateOf } from './qa-question.publisher';
import { questionById, toQuestionView } from './qa-queries';
import { canSee, QaAction, transition } from './qa-rules';

/**
 * The moderators' commands on a question (approve, dismiss, mark answered) and written answers (by a
 * panelist of the panel or a moderator). Each is one panel change (PanelChanges): check the
 * transition, write, record with before/after; after commit `qa:question` goes to whoever may see it.
 * A command that changes nothing (approving an approved question) answers the question as it is.
 */
@Injectable()
export class QaModerationService {
  constructor(
    private readonly changes: PanelChanges,
    private readonly questions: QaQuestionPublisher,
  ) {}

  approve(actor: AuthUser, dto: QuestionRefDto): Promise<QuestionView> {
    return this.change(actor, dto, 'qa:approve');
  }

  dismiss(actor: AuthUser, dto: QuestionRefDto): Promise<QuestionView> {
    return this.change(actor, dto, 'qa:dismiss');
  }

  /**
   * Dismisses a question because its author's accreditation was revoked: by staff or a focal point, who
   * are not the panel's moderators, so the moderator's rights are given here; logged with the reason.
   */
  dismissForRevocation(actor: AuthUser, dto: QuestionRefDto): Promise<QuestionView> {
    return this.change(actor, dto, 'qa:dismiss', undefined, 'not_accredited');
  }

  /** Answered live, on the webcast. */
  markAnswered(actor: AuthUser, dto: QuestionRefDto): Promise<QuestionView> {
    return this.change(actor, dto, 'qa:answered');
  }

  /** A written answer; it replaces an earlier one. */
  answer(actor: AuthUser, dto: AnswerQuestionDto): Promise<QuestionView> {
    return this.change(actor, dto, 'qa:answer', dto.text);
  }

  private async change(
    actor: AuthUser,
    dto: QuestionRefDto,
    action: QaAction,
    answer?: string,
    reason?: string,
  ): Promise<QuestionView> {
    // The command guard let through only this panel's moderators (and admins) and panelists; a reason
    // comes only from the server's own revocation path.
    const byModerator = actor.role === 'moderator' || actor.role === 'admin' || reason !== undefined;
    return this.changes.run(dto.panelId, actor, async (change) => {
      const { tx, panel } = change;
      const row = await questionById(tx, panel.id, dto.questionId);
      if (!row || !canSee(row, { userId: actor.id, moderator: byModerator }, false)) {
        throw notFound('Question');
      }
      const to = transition(action, row.status, byModerator);
      if (to === 'same') return { answer: toQuestionView(row) };
      await tx.query(
        `UPDATE questions SET status = $2::varchar,
           approved_at = CASE WHEN $2::varchar <> 'dismissed' THEN COALESCE(approved_at, $3) ELSE approved_at END,
           answered_at = CASE WHEN $2::varchar = 'answered' THEN COALESCE(answered_at, $3) ELSE answered_at END,
           answer = COALESCE($4::text, answer),
           answered_by_id = CASE WHEN $4::text IS NULL THEN answered_by_id ELSE $5::uuid END
         WHERE id = $1`,
        [row.id, to, new Date(), answer ?? null, actor.id],
      );
      const withAnswer = answer === undefined ? {} : { answer: row.answer };
      change.log({
        action,
        questionId: row.id,
        detail: {
          before: { status: row.status, ...withAnswer },
          after: { status: to, ...(answer === undefined ? {} : { answer }) },
          ...(reason === undefined ? {} : { reason }),
        },
      });
      const question = toQuestionView((await questionById(tx, panel.id, row.id))!);
      const publicQa = panel.settings.publicQa !== false;
      const published = { question, before: stateOf(row), publicQa };
      return { answer: question, afterCommit: [() => this.questions.publish(published)] };
    });
  }
}
