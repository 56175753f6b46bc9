import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DelegationKind,
  DelegationView,
  InterventionView,
  PanelSettings,
  PanelSnapshot,
  PanelStatus,
} from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import { notFound } from '../common/app-error';
import {
  allottedSecondsFor,
  clockOf,
  elapsedSeconds,
  estimatedWaits,
  interactionWindow,
  remainingSeconds,
  round1,
  speechLengthFactor,
  toFloorClock,
} from './floor-rules';
import { FinishedSpeech, finishedSpeeches, InterventionRow, openInterventions } from './floor-store';
import { delegationBudgets } from './speakers-list-rules';

/** What the snapshot needs of the panel. */
export interface PanelFloorState {
  id: string;
  version: number;
  status: PanelStatus;
  queueOpen: boolean;
  settings: PanelSettings;
  startedAt: Date | null;
}

/**
 * Builds the whole truth of a panel's floor at one version: the speaker and their clock, the waiting queue
 * in order (each with the time it will be allotted and its estimated wait), and the interaction window.
 * `open` holds the speaking and queued interventions, the queue already in order.
 */
export function buildSnapshot(
  panel: PanelFloorState,
  open: readonly InterventionRow[],
  finished: readonly FinishedSpeech[],
  now: Date,
): PanelSnapshot {
  const factor = speechLengthFactor(finished);
  const speakerRow = open.find((r) => r.status === 'speaking') ?? null;
  const queued = open.filter((r) => r.status === 'queued');
  const clock = speakerRow ? clockOf(speakerRow) : null;
  const speakerRemaining = clock ? remainingSeconds(clock, now) : null;
  const queueAllotted = queued.map((r) => allottedSecondsFor(r.kind, panel.settings));
  const waits = estimatedWaits(queueAllotted, speakerRemaining, factor);
  return {
    panelId: panel.id,
    version: panel.version,
    status: panel.status,
    queueOpen: panel.queueOpen,
    serverTime: now.toISOString(),
    speaker: speakerRow ? toInterventionView(speakerRow) : null,
    clock: clock ? toFloorClock(clock, now) : null,
    queue: queued.map((r, i) => ({
      ...toInterventionView(r),
      allottedSeconds: queueAllotted[i],
      estimatedWaitSeconds: waits[i],
      onDeck: i < panel.settings.onDeck,
    })),
    window: interactionWindow(
      {
        windowSeconds: panel.settings.interactionWindowSeconds ?? null,
        status: panel.status,
        startedAt: panel.startedAt,
        speakerRemainingSeconds: Math.max(0, speakerRemaining ?? 0),
        queueAllotted,
      },
      now,
    ),
    budgets: delegationBudgets(
      panel.settings.delegationBudgetSeconds ?? null,
      [
        ...finished,
        ...(speakerRow && clock ? [{ ...speakerRow, spokenSeconds: elapsedSeconds(clock, now) }] : []),
      ],
      queued.map((r) => r.delegationId),
    ),
  };
}

/** What everyone but the panel's moderators sees: the same, without the notes delegates wrote to them. */
export function toPublicSnapshot(snapshot: PanelSnapshot): PanelSnapshot {
  return {
    ...snapshot,
    speaker: snapshot.speaker && { ...snapshot.speaker, note: null },
    queue: snapshot.queue.map((i) => ({ ...i, note: null })),
  };
}

export function toInterventionView(r: InterventionRow): InterventionView {
  return {
    id: r.id,
    panelId: r.panelId,
    kind: r.kind,
    note: r.note,
    status: r.status,
    delegate: { id: r.delegateId, name: r.delegateName },
    delegation: delegationView(r.delegationId, r.delegationName, r.delegationCode, r.delegationKind),
    requestedAt: r.requestedAt.toISOString(),
    startedAt: r.startedAt ? r.startedAt.toISOString() : null,
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    allottedSeconds: r.allottedSeconds,
    spokenSeconds: r.spokenSeconds === null ? null : round1(r.spokenSeconds),
    onBehalfOf: r.onBehalfOf ?? null,
    replyTo: r.replyToId
      ? {
          id: r.replyToId,
          delegation: delegationView(
            r.replyToDelegationId,
            r.replyToDelegationName,
            r.replyToDelegationCode,
            r.replyToDelegationKind,
          ),
        }
      : null,
    onDeck: false,
    ready: r.ready ?? false,
  };
}

/** A delegation as a row's joined columns give it (null: no delegation). */
function delegationView(
  id: string | null,
  name: string | null,
  code: string | null,
  kind: DelegationKind | null,
): DelegationView | null {
  return id ? { id, name: name ?? '', code: code ?? '', kind: kind ?? 'member_state' } : null;
}

interface Read {
  startedAt: number;
  snapshot: Promise<PanelSnapshot>;
}

/**
 * Reads a panel's floor snapshot (the builder above over the rows): inside a change's transaction, or on
 * its own as a consistent read.
 */
@Injectable()
export class FloorSnapshotsService {
  /** The read in flight per panel, shared by every caller it is fresh enough for. */
  private readonly reads = new Map<string, Read>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The snapshot as `em` sees it (inside a change: exactly the version that change made). */
  async read(em: EntityManager, panel: PanelFloorState, now = new Date()): Promise<PanelSnapshot> {
    const open = await openInterventions(em, panel.id);
    const finished = await finishedSpeeches(em, panel.id);
    return buildSnapshot(panel, open, finished, now);
  }

  /**
   * The latest committed snapshot, read after `since` (a `performance.now()` time; default: now). Callers
   * wanting it at the same moment share one read — a storm of re-joins costs a read per round, not per
   * client — but never one that started before they needed it.
   */
  current(panelId: string, since = performance.now()): Promise<PanelSnapshot> {
    const inFlight = this.reads.get(panelId);
    if (inFlight && inFlight.startedAt >= since) return inFlight.snapshot;
    const read: Read = { startedAt: performance.now(), snapshot: this.readCommitted(panelId) };
    this.reads.set(panelId, read);
    const forget = () => {
      if (this.reads.get(panelId) === read) this.reads.delete(panelId);
    };
    read.snapshot.then(forget, forget);
    return read.snapshot;
  }

  /** The panel row and its interventions from one database snapshot. */
  private readCommitted(panelId: string): Promise<PanelSnapshot> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const panel = await tx.getRepository(PanelEntity).findOneBy({ id: panelId });
      if (!panel) throw notFound('Panel');
      return this.read(tx, panel);
    });
  }
}
