import { EntityManager } from 'typeorm';
import { DelegationKind, QuestionStatus, QuestionView } from '@rostrum/contracts';
import type { QaViewer } from './qa-rules';

/** A question with the names its views and exports show. */
export interface QuestionRow {
  id: string;
  panelId: string;
  text: string;
  status: QuestionStatus;
  votes: number;
  authorId: string;
  authorName: string;
  delegationId: string | null;
  delegationName: string | null;
  delegationCode: string | null;
  delegationKind: DelegationKind | null;
  addressedToId: string | null;
  addressedToName: string | null;
  answer: string | null;
  answeredByName: string | null;
  createdAt: Date;
  approvedAt: Date | null;
  answeredAt: Date | null;
  voted?: boolean;
}

const SELECT = `
  SELECT q.id, q.panel_id AS "panelId", q.text, q.status, q.votes,
         q.author_id AS "authorId", a.name AS "authorName",
         d.id AS "delegationId", d.name AS "delegationName", d.code AS "delegationCode", d.kind AS "delegationKind",
         q.addressed_to_id AS "addressedToId", t.name AS "addressedToName",
         q.answer, ab.name AS "answeredByName",
         q.created_at AS "createdAt", q.approved_at AS "approvedAt", q.answered_at AS "answeredAt"`;
const FROM = `
  FROM questions q
  JOIN users a ON a.id = q.author_id
  LEFT JOIN delegations d ON d.id = q.delegation_id
  LEFT JOIN users t ON t.id = q.addressed_to_id
  LEFT JOIN users ab ON ab.id = q.answered_by_id`;
/** The contract's order: votes, then age (oldest first). */
const ORDER = 'ORDER BY q.votes DESC, q.created_at, q.id';

/** Every question of the panel; a page of them with `page` (LIMIT/OFFSET over the same order). */
export function allQuestions(
  em: EntityManager,
  panelId: string,
  page?: { limit: number; offset: number },
): Promise<QuestionRow[]> {
  if (!page) return em.query(`${SELECT} ${FROM} WHERE q.panel_id = $1 ${ORDER}`, [panelId]);
  return em.query(`${SELECT} ${FROM} WHERE q.panel_id = $1 ${ORDER} LIMIT $2 OFFSET $3`, [
    panelId,
    page.limit,
    page.offset,
  ]);
}

export async function questionsByIds(
  em: EntityManager,
  panelId: string,
  ids: string[],
): Promise<QuestionRow[]> {
  if (ids.length === 0) return [];
  return em.query(`${SELECT} ${FROM} WHERE q.panel_id = $1 AND q.id = ANY($2::uuid[]) ${ORDER}`, [
    panelId,
    ids,
  ]);
}

export async function questionById(
  em: EntityManager,
  panelId: string,
  id: string,
): Promise<QuestionRow | null> {
  return (await questionsByIds(em, panelId, [id]))[0] ?? null;
}

/**
 * The questions a viewer may see (the rule of `canSee`, in SQL), with `voted` for a delegate. Reads the
 * panel's `publicQa` in the same statement.
 */
export function visibleQuestions(
  em: EntityManager,
  panelId: string,
  viewer: QaViewer & { withVoted: boolean },
): Promise<QuestionRow[]> {
  const voted = viewer.withVoted
    ? `, EXISTS (SELECT 1 FROM question_votes v WHERE v.question_id = q.id AND v.user_id = $3::uuid) AS voted`
    : '';
  return em.query(
    `${SELECT} ${voted} ${FROM} JOIN panels p ON p.id = q.panel_id
     WHERE q.panel_id = $1
       AND ($2::boolean OR q.author_id = $3::uuid
            OR (q.status IN ('approved', 'answered')
                AND ($3::uuid IS NOT NULL OR COALESCE((p.settings ->> 'publicQa')::boolean, true))))
     ${ORDER}`,
    [panelId, viewer.moderator, viewer.userId],
  );
}

export function toQuestionView(row: QuestionRow): QuestionView {
  return {
    id: row.id,
    panelId: row.panelId,
    text: row.text,
    status: row.status,
    votes: row.votes,
    author: { id: row.authorId, name: row.authorName },
    delegation:
      row.delegationId && row.delegationName && row.delegationCode && row.delegationKind
        ? {
            id: row.delegationId,
            name: row.delegationName,
            code: row.delegationCode,
            kind: row.delegationKind,
          }
        : null,
    addressedTo:
      row.addressedToId && row.addressedToName ? { id: row.addressedToId, name: row.addressedToName } : null,
    answer: row.answer,
    createdAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    ...(row.voted === undefined ? {} : { voted: row.voted }),
  };
}
