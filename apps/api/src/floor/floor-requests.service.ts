import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FloorRequestAnswer, PanelSettings } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { AppError, validationFailed } from '../common/app-error';
import { BatchOutcome, PanelBatch } from '../panels/change/panel-batch';
import { PanelChange, PanelChanges } from '../panels/change/panel-changes';
import {
  appendRequests,
  insertRequest,
  interventionsByRequestIds,
  InterventionRow,
  NewRequest,
  openInterventions,
  openRequestsAmong,
  protocolQueue,
  queueState,
  QueueState,
  replyContext,
  shiftQueueFrom,
  writePositions,
  writeQueueOrder,
} from './floor-store';
import {
  allottedSecondsFor,
  estimatedWaits,
  insertionIndex,
  remainingSeconds,
  requestSort,
  speechLengthFactor,
} from './floor-rules';
import { PanelStateBroadcaster, toInterventionView } from './panel-state';
import { OnDeckNotifier } from './on-deck.notifier';
import {
  checkReply,
  gappedPositions,
  placeArrivals,
  POSITION_GAP,
  protocolBand,
  requestWindow,
} from './speakers-list-rules';
import type { RequestFloorDto } from './floor.gateway';

interface Submitted {
  actor: AuthUser;
  dto: RequestFloorDto;
  at: Date;
}
type Accepted = { index: number; request: NewRequest };
/** What became of one submitted request while its batch was checked. */
type Verdict =
  | { kind: 'new'; request: NewRequest }
  | { kind: 'existing'; row: InterventionRow }
  | { kind: 'same-as'; index: number }
  | { kind: 'refused'; error: AppError };

/**
 * `floor:request`: a delegate asks for the floor. Requests arriving together are checked one by one, in
 * arrival order, and written together (see PanelBatch) — each with its own version and record entry — so a
 * room of delegates asking at the same moment is served in a few transactions.
 */
@Injectable()
export class FloorRequestsService {
  private readonly batch: PanelBatch<Submitted, FloorRequestAnswer>;

  constructor(
    changes: PanelChanges,
    private readonly broadcaster: PanelStateBroadcaster,
    private readonly onDeck: OnDeckNotifier,
  ) {
    this.batch = new PanelBatch(changes, (change, items) => this.handle(change, items));
  }

  /** A retry with the same `requestId` answers the first request (its current position), not a new one. */
  request(actor: AuthUser, dto: RequestFloorDto): Promise<FloorRequestAnswer> {
    return this.batch.submit(dto.panelId, { actor, dto, at: new Date() });
  }

  private async handle(change: PanelChange, items: Submitted[]): Promise<BatchOutcome<FloorRequestAnswer>> {
    const { tx, panel } = change;
    const verdicts = await this.judge(tx, panel, items);
    const accepted = verdicts.flatMap((v, i) => (v.kind === 'new' ? [{ index: i, request: v.request }] : []));

    const rows =
      panel.settings.orderPolicy === 'protocol'
        ? await this.placeByProtocol(tx, panel.id, accepted)
        : await this.placeFirstCome(tx, panel.id, accepted);

    const state = await queueState(tx, panel.id);
    const answerOf = answering(state, panel.settings, new Date());
    const results = verdicts.map((v, i): FloorRequestAnswer | Error => {
      if (v.kind === 'refused') return v.error;
      if (v.kind === 'existing') return answerOf(v.row);
      return answerOf(rows.get(v.kind === 'same-as' ? v.index : i)!);
    });
    if (accepted.length === 0) return { results };

    // One version per request, in arrival order, each with its record entry.
    for (const { index } of accepted) {
      const answer = results[index] as FloorRequestAnswer;
      change.log({
        actor: items[index].actor,
        action: 'floor:request',
        interventionId: answer.intervention.id,
        version: change.nextVersion(),
        detail: {
          before: null,
          after: { status: 'queued', kind: answer.intervention.kind, position: answer.position },
        },
      });
    }
    // A new request only pushes others down, so only new ones can come on deck by arriving.
    const cameOnDeck = accepted.flatMap(({ index }) => {
      const { intervention, position } = results[index] as FloorRequestAnswer;
      return position >= 1 && position <= panel.settings.onDeck
        ? [{ interventionId: intervention.id, position, delegateId: intervention.delegate.id }]
        : [];
    });
    return {
      results,
      afterCommit: [
        () => this.broadcaster.publish(panel.id, panel.version),
        () => this.onDeck.notify(panel.id, cameOnDeck),
      ],
    };
  }

  /** First come: points of order take their place one by one (those behind move down); the rest go to the end. */
  private async placeFirstCome(tx: EntityManager, panelId: string, accepted: Accepted[]) {
    const rows = new Map<number, InterventionRow>();
    for (const { index, request } of accepted.filter((a) => a.request.kind === 'point_of_order')) {
      rows.set(index, await this.insertPointOfOrder(tx, panelId, request));
    }
    const appended = accepted.filter((a) => a.request.kind !== 'point_of_order');
    const inserted = await appendRequests(
      tx,
      panelId,
      appended.map((a) => a.request),
    );
    appended.forEach((a, i) => rows.set(a.index, inserted[i]));
    return rows;
  }

  /**
   * The protocol order: every new request is written at the end, the order is computed in memory (each
   * arrival at the end of its band, behind the moderator's placements), and the new requests take numbers
   * between their neighbours' (gapped) positions: a batch writes its own rows, not the whole queue behind
   * its first point of order. Only when a gap has run out is the queue renumbered, with gaps again.
   */
  private async placeByProtocol(tx: EntityManager, panelId: string, accepted: Accepted[]) {
    if (accepted.length === 0) return new Map<number, InterventionRow>();
    const queue = await protocolQueue(tx, panelId);
    const inserted = await appendRequests(
      tx,
      panelId,
      accepted.map((a) => a.request),
    );
    const order = placeArrivals(
      queue.map((q) => ({
        id: q.id,
        band: protocolBand(q.kind, q.delegationKind),
        placedByModerator: q.placedByModerator,
      })),
      inserted.map((r) => ({ id: r.id, band: protocolBand(r.kind, r.delegationKind) })),
    );
    const positionOf = new Map(queue.map((q) => [q.id, q.position]));
    const positions = gappedPositions(order.map((id) => ({ id, position: positionOf.get(id) ?? null })));
    if (positions) await writePositions(tx, positions);
    else await writeQueueOrder(tx, order, POSITION_GAP);
    return new Map(accepted.map((a, i) => [a.index, inserted[i]]));
  }

  /** The floor's rules for each request, in arrival order, against the database and the requests before it. */
  private async judge(tx: EntityManager, panel: PanelEntity, items: Submitted[]): Promise<Verdict[]> {
    const keyOf = (s: Submitted) => (s.dto.requestId ? `${s.actor.id}|${s.dto.requestId}` : null);
    const retried = new Map<string, InterventionRow>();
    const keyed = items.filter((s) => s.dto.requestId);
    for (const row of await interventionsByRequestIds(
      tx,
      panel.id,
      keyed.map((s) => ({ delegateId: s.actor.id, requestId: s.dto.requestId! })),
    )) {
      retried.set(`${row.delegateId}|${row.clientRequestId}`, row);
    }
    const perDelegation = panel.settings.onePerDelegation;
    const open = await openRequestsAmong(
      tx,
      panel.id,
      items.map((s) => s.actor.id),
      perDelegation ? items.flatMap((s) => (s.actor.delegationId ? [s.actor.delegationId] : [])) : [],
    );
    // One open request of each sort: "busy" keys are sort|delegate and sort|delegation.
    const busyDelegates = new Set(open.map((o) => `${requestSort(o.kind)}|${o.delegateId}`));
    const busyDelegations = new Set(
      perDelegation ? open.map((o) => `${requestSort(o.kind)}|${o.delegationId}`) : [],
    );
    const acceptedKeys = new Map<string, number>();
    const { targets, repliesByDelegation } = await this.replies(tx, panel, items);
    const groups = await this.groups(tx, panel, items);

    return items.map((s, index): Verdict => {
      const key = keyOf(s);
      if (key && retried.has(key)) return { kind: 'existing', row: retried.get(key)! };
      if (key && acceptedKeys.has(key)) return { kind: 'same-as', index: acceptedKeys.get(key)! };
      const error =
        refusal(panel, s, busyDelegates, busyDelegations) ??
        kindRefusal(panel, s, groups, targets, repliesByDelegation);
      if (error) return { kind: 'refused', error };
      if (s.dto.kind === 'right_of_reply') {
        const delegationId = s.actor.delegationId!;
        repliesByDelegation.set(delegationId, (repliesByDelegation.get(delegationId) ?? 0) + 1);
      }
      const sort = requestSort(s.dto.kind);
      busyDelegates.add(`${sort}|${s.actor.id}`);
      if (perDelegation) busyDelegations.add(`${sort}|${s.actor.delegationId}`);
      if (key) acceptedKeys.set(key, index);
      return {
        kind: 'new',
        request: {
          panelId: panel.id,
          delegateId: s.actor.id,
          delegationId: s.actor.delegationId,
          kind: s.dto.kind,
          note: s.dto.note ?? null,
          clientRequestId: s.dto.requestId ?? null,
          requestedAt: s.at,
          onBehalfOf: s.dto.onBehalfOf ?? null,
          replyToId: s.dto.replyTo ?? null,
        },
      };
    });
  }

  /** What checking this batch's rights of reply needs (nothing is read when it has none). */
  private async replies(tx: EntityManager, panel: PanelEntity, items: Submitted[]) {
    const replies = items.filter((s) => s.dto.kind === 'right_of_reply' && s.dto.replyTo);
    if (replies.length === 0) return { targets: new Map(), repliesByDelegation: new Map<string, number>() };
    return replyContext(
      tx,
      panel.id,
      replies.map((s) => s.dto.replyTo!),
      replies.flatMap((s) => (s.actor.delegationId ? [s.actor.delegationId] : [])),
    );
  }

  /** The event's regional groups, read only when the batch has a group statement. */
  private async groups(tx: EntityManager, panel: PanelEntity, items: Submitted[]): Promise<string[]> {
    if (!items.some((s) => s.dto.kind === 'group_statement')) return [];
    const [row]: { groups: string[] }[] = await tx.query('SELECT groups FROM events WHERE id = $1', [
      panel.eventId,
    ]);
    return row?.groups ?? [];
  }

  /** A point of order goes after the points of order at the head of the queue; those behind move down. */
  private async insertPointOfOrder(tx: EntityManager, panelId: string, request: NewRequest) {
    const queue = (await openInterventions(tx, panelId)).filter((r) => r.status === 'queued');
    const index = insertionIndex(queue, 'point_of_order');
    if (index >= queue.length) return (await appendRequests(tx, panelId, [request]))[0];
    const position = queue[index].queuePosition!;
    await shiftQueueFrom(tx, panelId, position);
    return insertRequest(tx, request, position);
  }
}

function refusal(
  panel: PanelEntity,
  { actor, dto, at }: Submitted,
  busyDelegates: Set<string>,
  busyDelegations: Set<string | null>,
): AppError | null {
  if (requestWindow(panel.status, panel.settings.inscriptionOpensAt, at) !== 'open') {
    return new AppError(
      'PANEL_NOT_LIVE',
      'This panel is not live (and its list of speakers is not open yet)',
    );
  }
  // Before the panel is live, an open inscription is an open list.
  const listOpen = panel.status === 'live' ? panel.queueOpen : true;
  if (!listOpen && dto.kind !== 'point_of_order') {
    return new AppError('QUEUE_CLOSED', 'The list of speakers is closed (points of order are still taken)');
  }
  if (!actor.delegationId)
    return new AppError('FORBIDDEN', 'Only a delegation’s delegate may ask for the floor');
  const sort = requestSort(dto.kind);
  const what = sort === 'point_of_order' ? 'point of order' : 'request for the floor';
  if (busyDelegates.has(`${sort}|${actor.id}`)) {
    return new AppError('ALREADY_QUEUED', `You already have a ${what} open on this panel`);
  }
  if (busyDelegations.has(`${sort}|${actor.delegationId}`)) {
    return new AppError('ALREADY_QUEUED', `Your delegation already has a ${what} open on this panel`);
  }
  return null;
}

/**
 * The rules of the diplomatic list's kinds: a group statement is made on behalf of one of the event's
 * groups; a right of reply answers another delegation's intervention of this panel that is speaking or has
 * spoken, within the delegation's number of replies. `onBehalfOf` and `replyTo` belong to those kinds only.
 */
function kindRefusal(
  panel: PanelEntity,
  { actor, dto }: Submitted,
  groups: string[],
  targets: Map<string, { delegationId: string | null; status: string }>,
  repliesByDelegation: Map<string, number>,
): AppError | null {
  if (dto.onBehalfOf !== undefined && dto.kind !== 'group_statement') {
    return validationFailed('onBehalfOf is for group statements only');
  }
  if (dto.replyTo !== undefined && dto.kind !== 'right_of_reply') {
    return validationFailed('replyTo is for rights of reply only');
  }
  if (dto.kind === 'group_statement' && !(dto.onBehalfOf && groups.includes(dto.onBehalfOf))) {
    return validationFailed('onBehalfOf must be one of the event’s groups');
  }
  if (dto.kind !== 'right_of_reply') return null;
  if (!dto.replyTo) return validationFailed('A right of reply needs replyTo: the intervention it answers');
  const check = checkReply({
    target: targets.get(dto.replyTo) ?? null,
    requesterDelegationId: actor.delegationId,
    repliesSoFar: repliesByDelegation.get(actor.delegationId!) ?? 0,
    limit: panel.settings.rightsOfReplyPerDelegation,
  });
  if (check === 'VALIDATION_FAILED') {
    return validationFailed(
      'replyTo must be an intervention of this panel by another delegation that is speaking or has spoken',
    );
  }
  if (check === 'REPLY_LIMIT') {
    return new AppError(
      'REPLY_LIMIT',
      `Your delegation has used its ${panel.settings.rightsOfReplyPerDelegation} rights of reply on this panel`,
    );
  }
  return null;
}

/**
 * Answers for requests from one read of the queue: position = place in the waiting queue (0 once no longer
 * waiting), estimated wait = what is left of the current speech plus the corrected allotted times ahead.
 */
function answering(state: QueueState, settings: PanelSettings, now: Date) {
  const speakerLeft = state.speaker ? remainingSeconds(state.speaker, now) : null;
  const allotted = state.queue.map((q) => allottedSecondsFor(q.kind, settings));
  const waits = estimatedWaits(allotted, speakerLeft, speechLengthFactor(state.finished));
  const indexOf = new Map(state.queue.map((q, i) => [q.id, i]));
  return (row: InterventionRow): FloorRequestAnswer => {
    const index = indexOf.get(row.id);
    const view = toInterventionView(row);
    if (index === undefined) return { intervention: view, position: 0, estimatedWaitSeconds: 0 };
    return {
      intervention: { ...view, allottedSeconds: allotted[index] },
      position: index + 1,
      estimatedWaitSeconds: waits[index],
    };
  };
}
