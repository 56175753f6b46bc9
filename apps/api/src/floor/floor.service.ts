import { Injectable, Logger } from '@nestjs/common';
import { FloorSnapshotAnswer, FloorTimeUpJob, InterventionView, PanelSnapshot } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { AppEvents, SpeakerChange } from '../common/app-events';
import { AppError, notFound } from '../common/app-error';
import { LivePublisher } from '../live/live-publisher';
import { AfterCommit, PanelChange, PanelChanges } from '../panels/change/panel-changes';
import {
  allottedSecondsFor,
  clockKey,
  clockOf,
  extendClock,
  moderatorEndReason,
  moveInOrder,
  pauseClock,
  remainingSeconds,
  resumeClock,
} from './floor-rules';
import { FloorSnapshotsService, PanelStateBroadcaster } from './panel-state';
import {
  delegationSpokenSeconds,
  FloorChange,
  interventionById,
  InterventionRow,
  openInterventions,
  writeQueueOrder,
} from './floor-store';
import { OnDeckNotifier } from './on-deck.notifier';
import { budgetUsage, cameOnDeck, grantAllotment, skipInOrder } from './speakers-list-rules';
import { FloorTimersService } from './floor-timers.service';
import type {
  ExtendFloorDto,
  GrantFloorDto,
  InterventionRefDto,
  MoveInQueueDto,
  NextFloorDto,
  ReadyDto,
  SkipInQueueDto,
} from './floor.gateway';

/** How long a moderator's acknowledgement waits for the webcast to follow a speaker change. */
const SPEAKER_HOOK_TIMEOUT_MS = 2000;

type Open = { speaker: InterventionRow | null; queue: InterventionRow[] };
/** A command's writes; returns its log detail, or null when it changed nothing (no version, no broadcast). */
type Work = (
  change: FloorChange,
  open: Open,
) => Promise<{ action: string; interventionId: string | null; detail: Record<string, unknown> } | null>;

/**
 * The floor: one method per socket command. Each is one panel change (PanelChanges: the panel's line, its
 * row lock, one transaction) that checks the rules, writes, records and takes a version; after commit the
 * new state is broadcast, time-up jobs follow the clock and the webcast follows the speaker.
 */
@Injectable()
export class FloorService {
  private readonly log = new Logger(FloorService.name);

  constructor(
    private readonly changes: PanelChanges,
    private readonly snapshots: FloorSnapshotsService,
    private readonly broadcaster: PanelStateBroadcaster,
    private readonly timers: FloorTimersService,
    private readonly events: AppEvents,
    private readonly publisher: LivePublisher,
    private readonly onDeck: OnDeckNotifier,
  ) {}

  /** The requesting delegate takes their waiting request back. */
  withdraw(actor: AuthUser, dto: InterventionRefDto): Promise<Record<string, never>> {
    return this.changes.run(dto.panelId, actor, async (panelChange) => {
      const row = await interventionById(panelChange.tx, dto.panelId, dto.interventionId);
      if (!row) throw notFound('Request');
      if (row.delegateId !== actor.id) throw new AppError('FORBIDDEN', 'This is not your request');
      if (row.status !== 'queued') throw notInQueue();
      const change = new FloorChange(panelChange);
      const queue = splitOpen(await openInterventions(change.tx, dto.panelId)).queue;
      await change.leaveQueue([row.id], 'withdrawn', 'withdrawn');
      const version = change.record('floor:withdraw', row.id, {
        before: { status: 'queued' },
        after: { status: 'withdrawn' },
      });
      const after = queue.filter((q) => q.id !== row.id);
      const came = onDeckChanges(queue, after, change.panel.settings.onDeck);
      return {
        answer: {},
        afterCommit: [
          () => this.broadcaster.publish(dto.panelId, version),
          () => this.onDeck.notify(dto.panelId, came),
        ],
      };
    });
  }

  /** Gives the floor to a waiting request, out of order if need be; ends the current speech first. */
  grant(actor: AuthUser, dto: GrantFloorDto): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      change.requireLive();
      const target = open.queue.find((r) => r.id === dto.interventionId);
      if (!target) {
        const row = await interventionById(change.tx, change.panel.id, dto.interventionId);
        throw row ? notInQueue() : notFound('Request');
      }
      return this.giveFloor(change, open, target, 'floor:grant', dto.seconds);
    });
  }

  /** Gives the floor to the head of the queue (`seconds`, as for `grant`, overrides the kind's time). */
  next(actor: AuthUser, dto: NextFloorDto): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      change.requireLive();
      const head = open.queue[0];
      if (!head) throw new AppError('QUEUE_EMPTY', 'Nobody is waiting for the floor');
      return this.giveFloor(change, open, head, 'floor:next', dto.seconds);
    });
  }

  /** A moderator ends (or cuts off) the speech, or the speaker yields the floor. */
  end(actor: AuthUser, dto: { panelId: string }): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      const speaker = open.speaker;
      // Delegates reach here only as the speaker; the guard let moderators and delegates through.
      const yielding = actor.role === 'delegate';
      if (yielding && speaker?.delegateId !== actor.id) {
        throw new AppError('FORBIDDEN', 'Only the speaker or a moderator may end the speech');
      }
      change.requireLive();
      if (!speaker) throw noSpeaker();
      const reason = yielding
        ? 'yielded'
        : moderatorEndReason(remainingSeconds(clockOf(speaker)!, change.now));
      await change.endSpeech(speaker, reason);
      return {
        action: 'floor:end',
        interventionId: speaker.id,
        detail: { before: { speakerId: speaker.id }, after: { speakerId: null }, reason },
      };
    });
  }

  extend(actor: AuthUser, dto: ExtendFloorDto): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      const { speaker, clock } = requireSpeaker(change, open);
      const after = extendClock(clock, dto.seconds);
      await change.setClock(speaker, clock, after, remainingSeconds(after, change.now) > 0);
      return {
        action: 'floor:extend',
        interventionId: speaker.id,
        detail: {
          before: { allottedSeconds: clock.allottedSeconds },
          after: { allottedSeconds: after.allottedSeconds },
          seconds: dto.seconds,
        },
      };
    });
  }

  /** Stops the clock; pausing a paused clock changes nothing. */
  pause(actor: AuthUser, dto: { panelId: string }): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      const { speaker, clock } = requireSpeaker(change, open);
      if (clock.pausedAt) return null;
      const after = pauseClock(clock, change.now);
      await change.setClock(speaker, clock, after, false);
      return {
        action: 'floor:pause',
        interventionId: speaker.id,
        detail: { before: { pausedAt: null }, after: { pausedAt: after.pausedAt } },
      };
    });
  }

  /** Restarts the clock; resuming a running clock changes nothing. */
  resume(actor: AuthUser, dto: { panelId: string }): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      const { speaker, clock } = requireSpeaker(change, open);
      if (!clock.pausedAt) return null;
      const after = resumeClock(clock, change.now);
      await change.setClock(speaker, clock, after, false);
      return {
        action: 'floor:resume',
        interventionId: speaker.id,
        detail: {
          before: { pausedAt: clock.pausedAt, pausedSeconds: clock.pausedSeconds },
          after: { pausedAt: null, pausedSeconds: after.pausedSeconds },
        },
      };
    });
  }

  /** Moves a waiting request to another place (0-based; past the end means last). */
  move(actor: AuthUser, dto: MoveInQueueDto): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      change.requireListOpen();
      const ids = open.queue.map((r) => r.id);
      const from = ids.indexOf(dto.interventionId);
      if (from < 0) throw notInQueue();
      const order = moveInOrder(ids, dto.interventionId, dto.toIndex);
      const to = order.indexOf(dto.interventionId);
      if (to === from) return null;
      await writeQueueOrder(change.tx, order);
      await change.placedByModerator(dto.interventionId);
      return {
        action: 'queue:move',
        interventionId: dto.interventionId,
        detail: { before: { index: from }, after: { index: to } },
      };
    });
  }

  /** Moves a waiting request `places` down (default 1), keeping it; the moderator placed it there. */
  skip(actor: AuthUser, dto: SkipInQueueDto): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      change.requireListOpen();
      const ids = open.queue.map((r) => r.id);
      const from = ids.indexOf(dto.interventionId);
      if (from < 0) throw notInQueue();
      const places = dto.places ?? 1;
      const order = skipInOrder(ids, dto.interventionId, places);
      const to = order.indexOf(dto.interventionId);
      if (to === from) return null; // already last
      await writeQueueOrder(change.tx, order);
      await change.placedByModerator(dto.interventionId);
      return {
        action: 'queue:skip',
        interventionId: dto.interventionId,
        detail: { before: { index: from }, after: { index: to }, places },
      };
    });
  }

  /** The requesting delegate says they are (or are no longer) ready; answers their request as it stands. */
  ready(actor: AuthUser, dto: ReadyDto): Promise<InterventionView> {
    return this.changes.run(dto.panelId, actor, async (panelChange) => {
      const row = await interventionById(panelChange.tx, dto.panelId, dto.interventionId);
      if (!row) throw notFound('Request');
      if (row.delegateId !== actor.id) throw new AppError('FORBIDDEN', 'This is not your request');
      if (row.status !== 'queued') throw notInQueue();
      const view = async () => {
        const snapshot = await this.snapshots.read(panelChange.tx, panelChange.panel, panelChange.now);
        return snapshot.queue.find((q) => q.id === row.id)!;
      };
      if (row.ready === dto.ready) return { answer: await view() };
      await panelChange.tx.query('UPDATE interventions SET ready = $2 WHERE id = $1', [row.id, dto.ready]);
      const version = panelChange.record(
        'floor:ready',
        { before: { ready: row.ready }, after: { ready: dto.ready } },
        { interventionId: row.id },
      );
      return { answer: await view(), afterCommit: [() => this.broadcaster.publish(dto.panelId, version)] };
    });
  }

  /**
   * Takes a waiting request out of the queue: a moderator's `queue:remove`, or (with `reason`
   * 'not_accredited') the revocation of its delegate's accreditation, logged and broadcast alike.
   */
  remove(actor: AuthUser, dto: InterventionRefDto, reason = 'removed'): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      change.requireListOpen();
      const index = open.queue.findIndex((r) => r.id === dto.interventionId);
      if (index < 0) throw notInQueue();
      await change.leaveQueue([dto.interventionId], 'removed', reason);
      return {
        action: 'queue:remove',
        interventionId: dto.interventionId,
        detail: {
          before: { status: 'queued', index },
          after: { status: 'removed' },
          ...(reason === 'removed' ? {} : { reason }),
        },
      };
    });
  }

  /** Opens or closes the list of speakers; a closed list still takes points of order. */
  setQueueOpen(actor: AuthUser, dto: { panelId: string }, open: boolean): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change) => {
      change.requireLive();
      if (change.panel.queueOpen === open) return null;
      change.panel.queueOpen = open;
      await change.tx.getRepository(PanelEntity).update(change.panel.id, { queueOpen: open });
      return {
        action: open ? 'queue:open' : 'queue:close',
        interventionId: null,
        detail: { before: { queueOpen: !open }, after: { queueOpen: open } },
      };
    });
  }

  /**
   * A time-up job (or the sweeper) fired: under the lock, re-read the speech and act only if its clock is
   * still the one the job was scheduled for, still running, and not yet announced. Answers how many ms are
   * still left when it came early (the caller delays the job by that), else 0.
   */
  timeUp(job: FloorTimeUpJob): Promise<number> {
    return this.changes.run(job.panelId, null, async (panelChange) => {
      const { tx, panel } = panelChange;
      const row = await interventionById(tx, panel.id, job.interventionId);
      const clock = row && row.status === 'speaking' ? clockOf(row) : null;
      if (!row || !clock || clock.pausedAt || row.timeUpAt) return { answer: 0 };
      if (clockKey(row.id, clock) !== job.clockKey) return { answer: 0 };
      const change = new FloorChange(panelChange);
      const left = remainingSeconds(clock, change.now);
      if (left > 0.05) return { answer: Math.ceil(left * 1000) };
      await tx.query('UPDATE interventions SET time_up_at = $2 WHERE id = $1', [row.id, change.now]);
      const detail = { allottedSeconds: clock.allottedSeconds, autoEnd: panel.settings.autoEndOnTimeUp };
      const announce = (version: number) => () =>
        this.publisher.toPanel(job.panelId).emit('floor:timeup', {
          panelId: job.panelId,
          interventionId: job.interventionId,
          version,
        });
      if (!panel.settings.autoEndOnTimeUp) {
        change.log('floor:timeup', row.id, detail);
        return { answer: 0, afterCommit: [announce(panel.version)] };
      }
      await change.endSpeech(row, 'time_up');
      const version = change.record('floor:timeup', row.id, {
        ...detail,
        before: { speakerId: row.id },
        after: { speakerId: null },
      });
      const snapshot = await this.snapshots.read(tx, panel, change.now);
      return { answer: 0, afterCommit: [announce(version), ...this.afterCommit(change, snapshot)] };
    });
  }

  /** The floor's part in a panel's end: the speech ends and the waiting requests are removed. */
  async endForPanel(panelChange: PanelChange): Promise<AfterCommit[]> {
    const change = new FloorChange(panelChange);
    const open = splitOpen(await openInterventions(change.tx, change.panel.id));
    if (open.speaker) await change.endSpeech(open.speaker, 'panel_ended');
    await change.leaveQueue(
      open.queue.map((r) => r.id),
      'removed',
      'panel_ended',
    );
    return this.afterCommit(change);
  }

  /** The shape shared by the moderators' commands: they answer the (full) snapshot. */
  private moderate(actor: AuthUser, panelId: string, work: Work): Promise<FloorSnapshotAnswer> {
    return this.changes.run(panelId, actor, async (panelChange) => {
      const change = new FloorChange(panelChange);
      const open = splitOpen(await openInterventions(change.tx, panelId));
      const done = await work(change, open);
      if (done) change.record(done.action, done.interventionId, done.detail);
      const snapshot = await this.snapshots.read(change.tx, change.panel, change.now);
      if (!done) return { answer: snapshot };
      const answer: FloorSnapshotAnswer = { ...snapshot }; // the broadcast carries no webcastError
      const came = onDeckChanges(open.queue, snapshot.queue, change.panel.settings.onDeck);
      return {
        answer,
        afterCommit: [...this.afterCommit(change, snapshot, answer), () => this.onDeck.notify(panelId, came)],
      };
    });
  }

  /**
   * What follows a committed floor change, in order: `panel:state` to every client (with the snapshot when
   * the change read one), the time-up jobs (not awaited: with Redis away the job waits for it, the answer
   * must not; the sweeper covers a loss), the webcast (awaited up to 2 s; a failure becomes the answer's
   * `webcastError`).
   */
  private afterCommit(
    change: FloorChange,
    snapshot?: PanelSnapshot,
    answer?: FloorSnapshotAnswer,
  ): AfterCommit[] {
    const { panel } = change;
    const speaker = change.speakerChange;
    return [
      () => this.broadcaster.publish(panel.id, snapshot?.version ?? panel.version, snapshot),
      () => void this.timers.apply(change.cancel, change.schedule),
      async () => {
        const webcastError = speaker ? await this.notifySpeakerChange(speaker) : null;
        if (webcastError && answer) answer.webcastError = webcastError;
      },
    ];
  }

  private async giveFloor(
    change: FloorChange,
    open: Open,
    target: InterventionRow,
    action: string,
    seconds?: number,
  ) {
    if (open.speaker) await change.endSpeech(open.speaker, 'replaced');
    const clock = await change.startSpeech(target, await this.allotment(change, target, seconds));
    return {
      action,
      interventionId: target.id,
      detail: {
        before: { speakerId: open.speaker?.id ?? null },
        after: { speakerId: target.id, allottedSeconds: clock.allottedSeconds },
      },
    };
  }

  /**
   * The time a grant gives: the moderator's `seconds`, else the kind's time cut to the delegation's budget
   * left (read after the current speech ended, so a delegation replacing itself counts that speech too).
   */
  private async allotment(change: FloorChange, target: InterventionRow, seconds?: number) {
    const budget = change.panel.settings.delegationBudgetSeconds;
    const budgeted = budget !== null && target.delegationId !== null && target.kind !== 'point_of_order';
    const spoken = budgeted
      ? await delegationSpokenSeconds(change.tx, change.panel.id, target.delegationId!)
      : 0;
    const allotment = grantAllotment({
      kind: target.kind,
      kindSeconds: allottedSecondsFor(target.kind, change.panel.settings),
      remainingBudgetSeconds: budgeted
        ? budgetUsage(budget, [{ kind: target.kind, spokenSeconds: spoken }]).remainingSeconds
        : null,
      explicitSeconds: seconds,
    });
    if ('refused' in allotment) {
      throw new AppError(
        'BUDGET_EXHAUSTED',
        `${target.delegationName ?? 'This delegation'} has no speaking time left (give seconds to grant anyway)`,
      );
    }
    return allotment.allottedSeconds;
  }

  /** Tells the webcast who gained or lost the floor, waiting at most 2 s (a hanging LiveKit must not stall the ack). */
  private async notifySpeakerChange(change: SpeakerChange): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ webcastError: string }>((resolve) => {
      timer = setTimeout(
        () => resolve({ webcastError: 'The webcast did not confirm the speaker change in time' }),
        SPEAKER_HOOK_TIMEOUT_MS,
      );
    });
    try {
      const outcome = await Promise.race([webcastOutcome(this.events, change), timeout]);
      if (outcome.webcastError)
        this.log.warn(
          { panelId: change.panelId, error: outcome.webcastError },
          'webcast did not follow the floor',
        );
      return outcome.webcastError;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Never throws: a listener's failure becomes the webcastError. */
async function webcastOutcome(
  events: AppEvents,
  change: SpeakerChange,
): Promise<{ webcastError: string | null }> {
  let webcastError: string | null = null;
  try {
    for (const outcome of await events.emit('floor:speaker', change)) {
      if (outcome?.webcastError) webcastError = outcome.webcastError;
    }
  } catch (err) {
    webcastError = (err as Error).message;
  }
  return { webcastError };
}

function splitOpen(rows: InterventionRow[]): Open {
  return {
    speaker: rows.find((r) => r.status === 'speaking') ?? null,
    queue: rows.filter((r) => r.status === 'queued'),
  };
}

/** Who came on deck between two orders of the waiting queue (the snapshot's carries the delegates too). */
function onDeckChanges(
  before: readonly { id: string }[],
  after: readonly { id: string; delegateId?: string; delegate?: { id: string } }[],
  onDeck: number,
) {
  const delegateOf = new Map(after.map((q) => [q.id, q.delegateId ?? q.delegate!.id]));
  return cameOnDeck(
    before.map((q) => q.id),
    after.map((q) => q.id),
    onDeck,
  ).map((c) => ({ ...c, delegateId: delegateOf.get(c.interventionId)! }));
}

function requireSpeaker(change: FloorChange, open: Open) {
  change.requireLive();
  const clock = open.speaker ? clockOf(open.speaker) : null;
  if (!open.speaker || !clock) throw noSpeaker();
  return { speaker: open.speaker, clock };
}

const notInQueue = () => new AppError('NOT_IN_QUEUE', 'That request is not waiting in the queue');
const noSpeaker = () => new AppError('NO_SPEAKER', 'Nobody has the floor');
