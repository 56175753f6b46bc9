import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FloorRequestAnswer, PanelSettings } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
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
  queueState,
  QueueState,
  shiftQueueFrom,
} from './floor-store';
import {
  allottedSecondsFor,
  estimatedWaits,
  insertionIndex,
  remainingSeconds,
  requestSort,
  speechLengthFactor,
} from './floor-rules';
import { toInterventionView } from './floor-snapshot';
import { PanelStateBroadcaster } from './panel-state.broadcaster';
import type { RequestFloorDto } from './dto/floor-command.dto';

interface Submitted {
  actor: AuthUser;
  dto: RequestFloorDto;
  at: Date;
}
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

    // Points of order take their place one by one (those behind move down); the rest go to the end together.
    const rows = new Map<number, InterventionRow>();
    for (const { index, request } of accepted.filter((a) => a.request.kind === 'point_of_order')) {
      rows.set(index, await this.insertPointOfOrder(tx, panel.id, request));
    }
    const appended = accepted.filter((a) => a.request.kind !== 'point_of_order');
    const inserted = await appendRequests(
      tx,
      panel.id,
      appended.map((a) => a.request),
    );
    appended.forEach((a, i) => rows.set(a.index, inserted[i]));

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
    return { results, afterCommit: [() => this.broadcaster.publish(panel.id, panel.version)] };
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

    return items.map((s, index): Verdict => {
      const key = keyOf(s);
      if (key && retried.has(key)) return { kind: 'existing', row: retried.get(key)! };
      if (key && acceptedKeys.has(key)) return { kind: 'same-as', index: acceptedKeys.get(key)! };
      const error = refusal(panel, s, busyDelegates, busyDelegations);
      if (error) return { kind: 'refused', error };
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
        },
      };
    });
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
  { actor, dto }: Submitted,
  busyDelegates: Set<string>,
  busyDelegations: Set<string | null>,
): AppError | null {
  if (panel.status !== 'live') return new AppError('PANEL_NOT_LIVE', 'This panel is not live');
  if (!panel.queueOpen && dto.kind !== 'point_of_order') {
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
