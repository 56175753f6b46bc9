import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { QuestionView } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { BatchOutcome, PanelBatch } from '../panels/change/panel-batch';
import { PanelChange, PanelChanges } from '../panels/change/panel-changes';
import { AskQuestionDto } from './dto/qa-command.dto';
import { QaAskLimiter } from './qa-ask-limiter';
import { QaQuestionPublisher } from './qa-question.publisher';
import { questionsByIds, toQuestionView } from './qa-queries';

interface Submitted {
  actor: AuthUser;
  dto: AskQuestionDto;
  at: Date;
}

/**
 * `qa:ask`: a delegate or one of the panel's panelists asks. With the panel's `qaModeration` on the question
 * waits as `pending` (seen by the moderators and its author), else it is `approved` at once. Questions
 * asked together are written in one transaction under the panel's lock (see PanelBatch), each checked
 * and logged on its own.
 */
@Injectable()
export class QaAskService {
  private readonly batch: PanelBatch<Submitted, QuestionView>;

  constructor(
    changes: PanelChanges,
    private readonly limiter: QaAskLimiter,
    private readonly questions: QaQuestionPublisher,
  ) {
    this.batch = new PanelBatch(changes, (change, items) => this.handle(change, items));
  }

  /** Counts against the asker's 5 a minute only if the question is taken. */
  async ask(actor: AuthUser, dto: AskQuestionDto): Promise<QuestionView> {
    const slot = await this.limiter.take(actor.id);
    try {
      return await this.batch.submit(dto.panelId, { actor, dto, at: new Date() });
    } catch (err) {
      await slot.release();
      throw err;
    }
  }

  private async handle(change: PanelChange, items: Submitted[]): Promise<BatchOutcome<QuestionView>> {
    const { tx, panel } = change;
    if (panel.status !== 'live') throw new AppError('PANEL_NOT_LIVE', 'This panel is not live');
    const panelists = await panelistsAmong(
      tx,
      panel.id,
      items.flatMap((s) => (s.dto.addressedTo ? [s.dto.addressedTo] : [])),
    );
    const status = panel.settings.qaModeration === false ? 'approved' : 'pending';
    const ids: (string | Error)[] = [];
    for (const { actor, dto, at } of items) {
      if (dto.addressedTo && !panelists.has(dto.addressedTo)) {
        ids.push(new AppError('VALIDATION_FAILED', 'addressedTo must be one of this panel’s panelists'));
        continue;
      }
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO questions (panel_id, author_id, delegation_id, addressed_to_id, text, status, created_at,
                                approved_at)
         SELECT $1, u.id, u.delegation_id, $3, $4, $5::varchar, $6::timestamptz,
                CASE WHEN $5::varchar = 'approved' THEN $6::timestamptz END
         FROM users u WHERE u.id = $2
         RETURNING id`,
        [panel.id, actor.id, dto.addressedTo ?? null, dto.text, status, at],
      );
      if (!row) ids.push(new AppError('UNAUTHENTICATED', 'Your account no longer exists'));
      else ids.push(row.id);
    }
    const asked = items.flatMap((s, i) => {
      const id = ids[i];
      return typeof id === 'string' ? [{ ...s, id }] : [];
    });
    for (const { actor, dto, id } of asked) {
      change.log({
        actor,
        action: 'qa:ask',
        questionId: id,
        detail: { before: null, after: { status, text: dto.text, addressedTo: dto.addressedTo ?? null } },
      });
    }
    const views = new Map(
      (
        await questionsByIds(
          tx,
          panel.id,
          asked.map((a) => a.id),
        )
      ).map((row) => [row.id, toQuestionView(row)]),
    );
    const results = ids.map((id) => (typeof id === 'string' ? views.get(id)! : id));
    const publicQa = panel.settings.publicQa !== false;
    return {
      results,
      afterCommit: [
        () => {
          for (const question of views.values()) this.questions.publish({ question, before: null, publicQa });
        },
      ],
    };
  }
}

/** Which of these users sit on the panel as panelists. */
async function panelistsAmong(tx: EntityManager, panelId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows: { userId: string }[] = await tx.query(
    `SELECT user_id AS "userId" FROM panel_panelists WHERE panel_id = $1 AND user_id = ANY($2::uuid[])`,
    [panelId, userIds],
  );
  return new Set(rows.map((r) => r.userId));
}
