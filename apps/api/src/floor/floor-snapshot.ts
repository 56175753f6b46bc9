import { InterventionView, PanelSettings, PanelSnapshot, PanelStatus } from '@rostrum/contracts';
import { ClockState, remainingSeconds, round1, toFloorClock } from './floor-clock';
import { allottedSecondsFor, estimatedWaits, interactionWindow } from './floor-rules';
import type { InterventionRow } from './floor-queries';

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
  factor: number,
  now: Date,
): PanelSnapshot {
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

export function clockOf(row: InterventionRow): ClockState | null {
  if (!row.startedAt || row.allottedSeconds === null) return null;
  return {
    startedAt: row.startedAt,
    allottedSeconds: row.allottedSeconds,
    pausedSeconds: row.pausedSeconds,
    pausedAt: row.pausedAt,
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
    delegation: r.delegationId
      ? {
          id: r.delegationId,
          name: r.delegationName ?? '',
          code: r.delegationCode ?? '',
          kind: r.delegationKind ?? 'member_state',
        }
      : null,
    requestedAt: r.requestedAt.toISOString(),
    startedAt: r.startedAt ? r.startedAt.toISOString() : null,
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    allottedSeconds: r.allottedSeconds,
    spokenSeconds: r.spokenSeconds === null ? null : round1(r.spokenSeconds),
  };
}
