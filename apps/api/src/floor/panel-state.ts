import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
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
import { LivePublisher } from '../live/live-publisher';
import { PresenceService } from '../live/presence.service';
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

// ---- Broadcasting it: `panel:state` after commits ----

/**
 * How many bytes of `panel:state` one panel may push to its audience per second. A speakers' list of 2,000
 * sent to 2,000 clients is 1.6 GB; sent once per request in a burst, it would be terabytes.
 */
const FANOUT_BYTES_PER_SECOND = 250e6;
const MAX_PAUSE_MS = 10_000;
/**
 * Rough size of a snapshot on the wire: an intervention is ~560 bytes of JSON since it carries the list of
 * speakers' fields (onBehalfOf, replyTo, onDeck, ready); 2,000 waiting requests measured 1,114,213 bytes.
 */
const estimatedBytes = (s: PanelSnapshot) => 700 + 560 * (s.queue.length + (s.speaker ? 1 : 0));

interface PanelLine {
  /** Highest version broadcast from this instance. */
  sent: number;
  /** Highest version committed that this instance must see broadcast. */
  wanted: number;
  /** When `wanted` was published (performance.now()): a snapshot read before then may not have it. */
  wantedAt: number;
  /** The snapshot of `wanted`, when the change built one. */
  ready: PanelSnapshot | null;
  running: boolean;
  /** No broadcast before this time (ms): the last one's cost still being paid. */
  notBefore: number;
}

/**
 * Sends `panel:state` after commits: the moderators' room gets the full snapshot, everyone else the public
 * view. One send at a time per panel, latest version wins, and a send that cost B bytes × audience waits
 * for the panel's fan-out budget before the next. At human pace every version goes out at once; in a burst
 * (a room of delegates asking for the floor together) the versions in between are skipped — each
 * `panel:state` is the whole truth, so the newest is all a client needs.
 */
@Injectable()
export class PanelStateBroadcaster implements BeforeApplicationShutdown {
  private readonly log = new Logger(PanelStateBroadcaster.name);
  /** One small entry per panel this instance has broadcast for (kept, so a late older version is dropped). */
  private readonly panels = new Map<string, PanelLine>();
  private stopped = false;

  constructor(
    private readonly publisher: LivePublisher,
    private readonly snapshots: FloorSnapshotsService,
    private readonly presence: PresenceService,
  ) {}

  /** Before the socket adapter closes its Redis connections: a send after that would fail unhandled. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
  }

  /** `version` was committed; `snapshot`, when given, is exactly that version. */
  publish(panelId: string, version: number, snapshot?: PanelSnapshot): void {
    const line = this.panels.get(panelId) ?? {
      sent: 0,
      wanted: 0,
      wantedAt: 0,
      ready: null,
      running: false,
      notBefore: 0,
    };
    this.panels.set(panelId, line);
    if (version <= line.sent || version < line.wanted) return;
    line.wanted = version;
    line.wantedAt = performance.now();
    line.ready = snapshot?.version === version ? snapshot : null;
    if (!line.running) void this.drain(panelId, line);
  }

  private async drain(panelId: string, line: PanelLine): Promise<void> {
    line.running = true;
    try {
      while (line.wanted > line.sent && !this.stopped) {
        const pause = line.notBefore - Date.now();
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause).unref());
        if (this.stopped) break;
        const wanted = line.wanted;
        const snapshot =
          line.ready?.version === wanted ? line.ready : await this.snapshots.current(panelId, line.wantedAt);
        line.ready = null;
        if (this.stopped) break;
        if (snapshot.version > line.sent) {
          this.emit({ ...snapshot, previousVersion: line.sent });
          line.sent = snapshot.version;
          const cost = estimatedBytes(snapshot) * this.presence.audience(panelId);
          line.notBefore = Date.now() + Math.min(MAX_PAUSE_MS, (cost / FANOUT_BYTES_PER_SECOND) * 1000);
        }
        if (snapshot.version < wanted) break; // a read after the commit cannot miss it; never spin
      }
    } catch (err) {
      this.log.error({ err, panelId }, 'panel:state not broadcast; trying again in 1 s');
      setTimeout(() => {
        if (!line.running && line.wanted > line.sent) void this.drain(panelId, line);
      }, 1000).unref();
    } finally {
      line.running = false;
    }
  }

  /**
   * After this instance lost Redis for a while, broadcasts other instances made meanwhile never reached its
   * clients, and nothing may change for minutes: send each panel's current state to its clients here, with
   * `previousVersion` at that version, so a client that had fallen behind joins again (questions too).
   */
  async resendToLocalClients(): Promise<void> {
    for (const panelId of this.publisher.localPanels()) {
      try {
        const snapshot = await this.snapshots.current(panelId);
        this.emit({ ...snapshot, previousVersion: snapshot.version }, { localOnly: true });
      } catch (err) {
        this.log.warn({ err, panelId }, 'could not resend panel:state after Redis came back');
      }
    }
  }

  private emit(snapshot: PanelSnapshot, options?: { localOnly: boolean }): void {
    const { moderators, audience } = this.publisher.toPanelSides(snapshot.panelId, options);
    moderators.emit('panel:state', snapshot);
    audience.emit('panel:state', toPublicSnapshot(snapshot));
  }
}
