import { DelegationBudget, PanelStatus, ProtocolBand } from '@rostrum/contracts';

/**
 * The diplomatic list of speakers as pure functions (CONTRACT.md → "The diplomatic list of speakers"): the
 * protocol order's bands, where a new request goes once the moderator has moved things, delegation budgets,
 * rights of reply, and who is on deck. The first-come rules stay in `floor-rules.ts`.
 * Kinds are plain strings here: the rules do not depend on the contract's list.
 */

/** Protocol bands, in order: 1 points of order, 2 group statements, 3 member states, 4 observers, 5 replies. */
export { protocolBand, type ProtocolBand } from '@rostrum/contracts';

export interface QueuedForProtocol {
  band: ProtocolBand;
  /** The moderator moved (or skipped) this request: it stays where they put it. */
  placedByModerator: boolean;
}

/**
 * Where a new request goes (0-based) under the protocol order: at the end of its band — after the last
 * waiting request of its own band or an earlier one — and never ahead of anything the moderator placed.
 */
export function protocolInsertionIndex(queue: readonly QueuedForProtocol[], band: ProtocolBand): number {
  let after = -1;
  queue.forEach((queued, index) => {
    if (queued.band <= band || queued.placedByModerator) after = index;
  });
  return after + 1;
}

/** A delegation's speaking so far in a panel: each speech's kind and the seconds actually spoken. */
export interface SpokenSpeech {
  kind: string;
  /** Seconds on the floor, pauses excluded, overtime included (the clock's elapsed time). */
  spokenSeconds: number;
}

export interface BudgetUsage {
  usedSeconds: number;
  remainingSeconds: number;
}

/**
 * How much of a delegation's budget is used and left. Points of order are not counted. Overtime counts
 * (the time was taken), so a delegation can end below zero; what is left never shows less than nothing.
 */
export function budgetUsage(budgetSeconds: number, speeches: readonly SpokenSpeech[]): BudgetUsage {
  const usedSeconds = Math.round(
    speeches
      .filter((s) => s.kind !== 'point_of_order')
      .reduce((sum, s) => sum + Math.max(0, s.spokenSeconds), 0),
  );
  return { usedSeconds, remainingSeconds: Math.max(0, budgetSeconds - usedSeconds) };
}

/** One speech of the panel, for the budgets: who spoke, what kind, and for how long so far. */
export interface BudgetedSpeech extends SpokenSpeech {
  delegationId: string | null;
}

/**
 * The snapshot's `budgets`: for each delegation that has spoken or is waiting (in order of first
 * appearance), what it used and has left. The current speech counts as far as it has gone (see
 * `elapsedSeconds`: pauses excluded, extensions irrelevant, overtime included). Empty without a budget.
 */
export function delegationBudgets(
  budgetSeconds: number | null,
  speeches: readonly BudgetedSpeech[],
  waitingDelegationIds: readonly (string | null)[],
): DelegationBudget[] {
  if (budgetSeconds === null) return [];
  const byDelegation = new Map<string, SpokenSpeech[]>();
  for (const s of speeches) {
    if (s.delegationId) byDelegation.set(s.delegationId, [...(byDelegation.get(s.delegationId) ?? []), s]);
  }
  for (const id of waitingDelegationIds) if (id && !byDelegation.has(id)) byDelegation.set(id, []);
  return [...byDelegation].map(([delegationId, spoken]) => ({
    delegationId,
    ...budgetUsage(budgetSeconds, spoken),
  }));
}

export type Allotment = { allottedSeconds: number } | { refused: 'BUDGET_EXHAUSTED' };

/**
 * The time a grant gives. An explicit `seconds` from the moderator always stands. Otherwise the kind's time,
 * cut to the delegation's remaining budget when there is one (points of order are never budgeted); a
 * delegation with nothing left is refused.
 */
export function grantAllotment(input: {
  kind: string;
  kindSeconds: number;
  remainingBudgetSeconds: number | null;
  explicitSeconds?: number;
}): Allotment {
  if (input.explicitSeconds !== undefined) return { allottedSeconds: input.explicitSeconds };
  if (input.remainingBudgetSeconds === null || input.kind === 'point_of_order') {
    return { allottedSeconds: input.kindSeconds };
  }
  if (input.remainingBudgetSeconds <= 0) return { refused: 'BUDGET_EXHAUSTED' };
  return { allottedSeconds: Math.min(input.kindSeconds, input.remainingBudgetSeconds) };
}

/** The intervention a right of reply answers, as found in the panel (null: no such intervention there). */
export interface ReplyTarget {
  delegationId: string | null;
  status: string;
}

export type ReplyCheck = 'ok' | 'VALIDATION_FAILED' | 'REPLY_LIMIT';

/**
 * May this delegation reply to that intervention? Only to another delegation's intervention of the same
 * panel that is speaking or has spoken, and at most `limit` rights of reply per delegation and panel
 * (`repliesSoFar` counts the delegation's replies that are waiting, speaking or done; withdrawn or removed
 * ones are given back).
 */
export function checkReply(input: {
  target: ReplyTarget | null;
  requesterDelegationId: string | null;
  repliesSoFar: number;
  limit: number;
}): ReplyCheck {
  const { target } = input;
  if (!target || !['speaking', 'done'].includes(target.status)) return 'VALIDATION_FAILED';
  if (target.delegationId === null || target.delegationId === input.requesterDelegationId) {
    return 'VALIDATION_FAILED';
  }
  return input.repliesSoFar >= input.limit ? 'REPLY_LIMIT' : 'ok';
}

/** The waiting requests on deck: the first `onDeck` of the queue. */
export function onDeckIds(queueIds: readonly string[], onDeck: number): string[] {
  return queueIds.slice(0, Math.max(0, onDeck));
}

/**
 * The requests that came on deck with a change (by arrival, a move, a skip or the speaker ending), each with
 * its 1-based position: those on deck after it that were not on deck before. Each delegate is told once.
 */
export function cameOnDeck(
  before: readonly string[],
  after: readonly string[],
  onDeck: number,
): { interventionId: string; position: number }[] {
  const wasOnDeck = new Set(onDeckIds(before, onDeck));
  return onDeckIds(after, onDeck)
    .map((interventionId, index) => ({ interventionId, position: index + 1 }))
    .filter(({ interventionId }) => !wasOnDeck.has(interventionId));
}

/** The queue order after skipping a request down by `places` (it keeps its request, clamped to the end). */
export function skipInOrder(ids: readonly string[], id: string, places: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const rest = ids.filter((other) => other !== id);
  const to = Math.min(from + Math.max(0, places), rest.length);
  return [...rest.slice(0, to), id, ...rest.slice(to)];
}

export type RequestWindow = 'open' | 'PANEL_NOT_LIVE';

/**
 * May a delegate ask for the floor now? On a live panel, yes; on a scheduled one only once its
 * `inscriptionOpensAt` has passed (the list of speakers opens then, and going live keeps it).
 */
export function requestWindow(
  status: PanelStatus,
  inscriptionOpensAt: string | null,
  now: Date,
): RequestWindow {
  if (status === 'live') return 'open';
  if (status === 'scheduled' && inscriptionOpensAt && Date.parse(inscriptionOpensAt) <= now.getTime()) {
    return 'open';
  }
  return 'PANEL_NOT_LIVE';
}

/** Whether the list takes requests before the panel is live (the inscription has opened). */
export function inscriptionOpen(status: PanelStatus, inscriptionOpensAt: string | null, now: Date) {
  return status === 'scheduled' && requestWindow(status, inscriptionOpensAt, now) === 'open';
}

/**
 * The queue order once new requests arrive under the protocol order, each placed in turn (in arrival
 * order) at the end of its band and behind anything the moderator placed.
 */
export function placeArrivals(
  queue: readonly (QueuedForProtocol & { id: string })[],
  arrivals: readonly { id: string; band: ProtocolBand }[],
): string[] {
  const order = [...queue];
  for (const arrival of arrivals) {
    order.splice(protocolInsertionIndex(order, arrival.band), 0, { ...arrival, placedByModerator: false });
  }
  return order.map((q) => q.id);
}

/** The spacing of queue positions under the protocol order, so arrivals fit between their neighbours. */
export const POSITION_GAP = 1024;

/**
 * Positions for the new requests of a queue order in which requests were only inserted (the ones already
 * waiting keep their positions and their order): each run of new requests takes evenly spread numbers
 * between its neighbours' positions (after the last one, steps of POSITION_GAP). Null when some run has no
 * room: the queue is then renumbered with gaps. So a burst writes its own rows, not the whole queue.
 */
export function gappedPositions(
  order: readonly { id: string; position: number | null }[],
): Map<string, number> | null {
  const given = new Map<string, number>();
  let index = 0;
  let before = 0;
  while (index < order.length) {
    if (order[index].position !== null) {
      before = order[index].position!;
      index += 1;
      continue;
    }
    const run: string[] = [];
    while (index < order.length && order[index].position === null) run.push(order[index++].id);
    const after = index < order.length ? order[index].position! : null;
    if (after !== null && after - before - 1 < run.length) return null;
    const step = after === null ? POSITION_GAP : Math.floor((after - before) / (run.length + 1));
    run.forEach((id, j) => given.set(id, before + step * (j + 1)));
  }
  return given;
}
