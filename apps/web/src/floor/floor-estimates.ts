import {
  INTERVENTION_KINDS,
  type InterventionKind,
  type InterventionView,
  type PanelSettings,
  type PanelSnapshot,
} from '@rostrum/contracts';
import { remainingSeconds } from '../clock/clock-math';

/** The time a request is allotted: its own, else the panel's setting for its kind. */
export function allottedFor(item: InterventionView, settings: PanelSettings | undefined): number | null {
  if (item.allottedSeconds !== null) return item.allottedSeconds;
  if (!settings) return null;
  if (item.kind === 'point_of_order') return settings.pointOfOrderSeconds;
  if (item.kind === 'right_of_reply') return settings.rightOfReplySeconds;
  if (item.kind === 'group_statement') return settings.groupStatementSeconds;
  return settings.speakingSeconds;
}

/**
 * A waiting request's estimated wait now: the server's figure (as of the snapshot's `serverTime`) less the
 * time the current speaker has spoken since, until their time is up — the only part of it that runs down
 * between snapshots. Never a factor of its own, so every screen shows what the server said.
 */
export function waitNow(
  snapshot: PanelSnapshot,
  item: InterventionView,
  offsetMs: number,
  localNowMs: number,
): number | null {
  if (item.estimatedWaitSeconds === undefined) return null;
  const clock = snapshot.clock;
  if (!clock) return item.estimatedWaitSeconds;
  const leftThen = Math.max(0, clock.remainingSeconds);
  const leftNow = Math.min(leftThen, Math.max(0, remainingSeconds(clock, offsetMs, localNowMs)));
  return Math.max(0, Math.round(item.estimatedWaitSeconds - (leftThen - leftNow)));
}

/** One of the delegate's own open requests, with its place in the waiting queue (null: it is speaking). */
export interface OwnRequest {
  item: InterventionView;
  position: number | null;
}

/**
 * The delegate's open requests (speaking or waiting): at most one point of order and one other. With
 * `onePerDelegation` the delegation's colleagues' requests count for which sorts are taken.
 */
export function ownRequests(
  snapshot: PanelSnapshot | null,
  user: { id: string; delegationId: string | null },
  onePerDelegation: boolean,
) {
  const open = snapshot ? [snapshot.speaker, ...snapshot.queue].filter((i) => i !== null) : [];
  const mine = (i: InterventionView) => i.delegate.id === user.id;
  const counts = (i: InterventionView) =>
    mine(i) || (onePerDelegation && !!user.delegationId && i.delegation?.id === user.delegationId);
  const waiting: OwnRequest[] = (snapshot?.queue ?? []).flatMap((item, index) =>
    mine(item) ? [{ item, position: index + 1 }] : [],
  );
  return {
    waiting,
    orderTaken: open.some((i) => counts(i) && i.kind === 'point_of_order'),
    otherTaken: open.some((i) => counts(i) && i.kind !== 'point_of_order'),
  };
}

/** What the panel allows beyond statements, questions and points of order. */
export interface KindsAllowed {
  /** The event has regional groups to speak for. */
  groupStatement: boolean;
  /** Another delegation has spoken (or speaks): there is something to reply to. */
  rightOfReply: boolean;
}

/**
 * The kinds the request form offers: a point of order unless one is open, the rest while the list is open
 * (a group statement when the event has groups, a right of reply when there is a speech to answer).
 */
export function offeredKinds(
  own: { orderTaken: boolean; otherTaken: boolean },
  queueOpen: boolean,
  allowed: KindsAllowed = { groupStatement: true, rightOfReply: true },
): InterventionKind[] {
  return INTERVENTION_KINDS.filter((kind) => {
    if (kind === 'point_of_order') return !own.orderTaken;
    if (kind === 'group_statement' && !allowed.groupStatement) return false;
    if (kind === 'right_of_reply' && !allowed.rightOfReply) return false;
    return queueOpen && !own.otherTaken;
  });
}
