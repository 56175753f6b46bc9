import { QuestionStatus, ROOMS } from '@rostrum/contracts';
import { AppError } from '../common/app-error';

/** The moderators' and panelists' commands on a question (qa:vote has rules of its own). */
export type QaAction = 'qa:approve' | 'qa:dismiss' | 'qa:answered' | 'qa:answer';

/** Who looks at a question: a moderator of its panel (or an admin), a signed-in user, or a public viewer. */
export interface QaViewer {
  userId: string | null;
  moderator: boolean;
}

export interface QuestionState {
  status: QuestionStatus;
  authorId: string;
}

type Outcome = QuestionStatus | 'same' | { conflict: string };
const conflict = (reason: string) => ({ conflict: reason });

/**
 * Where each action may take a question, by its current status: the new status, 'same' = nothing to do
 * (answered as is; nothing logged or broadcast), or a conflict with its reason. A written answer may be
 * given again (it replaces the previous one) and marks the question answered.
 */
const TRANSITIONS: Record<QaAction, Record<QuestionStatus, Outcome>> = {
  'qa:approve': {
    pending: 'approved',
    dismissed: 'approved', // reinstated: a dismissal made by mistake
    approved: 'same',
    answered: conflict('This question was already answered'),
  },
  'qa:dismiss': {
    pending: 'dismissed',
    approved: 'dismissed',
    dismissed: 'same',
    answered: conflict('An answered question cannot be dismissed'),
  },
  'qa:answered': {
    pending: 'answered', // answered live before anyone approved it: published as answered
    approved: 'answered',
    answered: 'same',
    dismissed: conflict('A dismissed question cannot be marked answered; approve it first'),
  },
  'qa:answer': {
    pending: 'answered',
    approved: 'answered',
    answered: 'answered',
    dismissed: conflict('A dismissed question cannot be answered; approve it first'),
  },
};

/**
 * The status an action leads to, or 'same' when it changes nothing; throws CONFLICT when it makes no
 * sense. Only a moderator's action may take a question past moderation (a panelist answers approved ones).
 */
export function transition(action: QaAction, from: QuestionStatus, byModerator: boolean) {
  const to = TRANSITIONS[action][from];
  if (typeof to === 'object') throw new AppError('CONFLICT', to.conflict);
  if (from === 'pending' && !byModerator) {
    throw new AppError('CONFLICT', 'This question awaits moderation; it can be answered once approved');
  }
  return to;
}

/** Whether a question is published: seen by the panel's audience, not only by its moderators and author. */
export const isPublished = (status: QuestionStatus) => status === 'approved' || status === 'answered';

/**
 * Who may see a question: the panel's moderators and its author always (dismissed ones included); everyone
 * signed in once it is published; public viewers too when the panel's `publicQa` is on.
 */
export function canSee(question: QuestionState, viewer: QaViewer, publicQa: boolean): boolean {
  if (viewer.moderator || (viewer.userId !== null && viewer.userId === question.authorId)) return true;
  if (!isPublished(question.status)) return false;
  return viewer.userId !== null || publicQa;
}

/** The /live rooms holding exactly the clients that may see a question in this state (see `canSee`). */
export function roomsSeeing(panelId: string, question: QuestionState, publicQa: boolean): string[] {
  const rooms = [ROOMS.panelModerators(panelId), ROOMS.user(question.authorId)];
  if (isPublished(question.status)) {
    rooms.push(publicQa ? ROOMS.panel(panelId) : ROOMS.panelMembers(panelId));
  }
  return rooms;
}

/**
 * The rooms a change of a question goes to: whoever sees it now, and whoever saw it before — so a
 * question leaving someone's view (dismissed) reaches them once more, with the status that hides it.
 */
export function roomsForChange(
  panelId: string,
  before: QuestionState | null,
  after: QuestionState,
  publicQa: boolean,
): string[] {
  const rooms = new Set(roomsSeeing(panelId, after, publicQa));
  if (before) for (const room of roomsSeeing(panelId, before, publicQa)) rooms.add(room);
  return [...rooms];
}

/** The room `qa:votes` goes to: votes only move on published questions. */
export const votesRoom = (panelId: string, publicQa: boolean) =>
  publicQa ? ROOMS.panel(panelId) : ROOMS.panelMembers(panelId);

/** Why a delegate may not (un)vote on a question, or null: only approved questions of others take votes. */
export function voteRefusal(question: QuestionState | null, voter: QaViewer): AppError | null {
  if (!question || !canSee(question, voter, false)) return new AppError('NOT_FOUND', 'Question not found');
  if (question.authorId === voter.userId) {
    return new AppError('FORBIDDEN', 'You cannot vote for your own question');
  }
  if (question.status !== 'approved') {
    return new AppError('CONFLICT', `Only approved questions take votes (this one is ${question.status})`);
  }
  return null;
}
