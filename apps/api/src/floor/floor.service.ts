import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FloorSnapshotAnswer, FloorTimeUpJob, PanelSnapshot } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { AppError, notFound } from '../common/app-error';
import { LivePublisher } from '../live/live-publisher';
import { PanelHooks, SpeakerChange } from '../panels/panel-hooks';
import { FloorChange } from './floor-change';
import { clockKey, extendClock, pauseClock, remainingSeconds, resumeClock } from './floor-clock';
import { interventionById, InterventionRow, openInterventions, writeQueueOrder } from './floor-queries';
import { moderatorEndReason, moveInOrder } from './floor-rules';
import { clockOf } from './floor-snapshot';
import { FloorSnapshotsService } from './floor-snapshots.service';
import { FloorTimersService } from './floor-timers.service';
import {
  ExtendFloorDto,
  GrantFloorDto,
  InterventionRefDto,
  MoveInQueueDto,
  NextFloorDto,
} from './dto/floor-command.dto';
import { PanelLockService } from './panel-lock.service';
import { PanelStateBroadcaster } from './panel-state.broadcaster';

/** How long a moderator's acknowledgement waits for the webcast to follow a speaker change. */
const SPEAKER_HOOK_TIMEOUT_MS = 2000;

type Open = { speaker: InterventionRow | null; queue: InterventionRow[] };
/** A command's writes; returns its log detail, or null when it changed nothing (no version, no broadcast). */
type Work = (
  change: FloorChange,
  open: Open,
) => Promise<{ action: string; interventionId: string | null; detail: Record<string, unknown> } | null>;

/**
 * The floor: one method per socket command. Each is one transaction under the panel's lock that checks the
 * rules, writes, logs and bumps the version; after commit the new state is broadcast, time-up jobs follow
 * the clock and the webcast follows the speaker.
 */
@Injectable()
export class FloorService {
  private readonly log = new Logger(FloorService.name);

  constructor(
    private readonly locks: PanelLockService,
    private readonly snapshots: FloorSnapshotsService,
    private readonly broadcaster: PanelStateBroadcaster,
    private readonly timers: FloorTimersService,
    private readonly hooks: PanelHooks,
    private readonly publisher: LivePublisher,
  ) {}

  /** The requesting delegate takes their waiting request back. */
  async withdraw(actor: AuthUser, dto: InterventionRefDto): Promise<Record<string, never>> {
    const version = await this.locks.run(dto.panelId, async (tx, panel) => {
      const row = await interventionById(tx, panel.id, dto.interventionId);
      if (!row) throw notFound('Request');
      if (row.delegateId !== actor.id) throw new AppError('FORBIDDEN', 'This is not your request');
      if (row.status !== 'queued') throw notInQueue();
      const change = new FloorChange(tx, panel, actor);
      await change.leaveQueue([row.id], 'withdrawn', 'withdrawn');
      return change.record('floor:withdraw', row.id, {
        before: { status: 'queued' },
        after: { status: 'withdrawn' },
      });
    });
    this.broadcaster.publish(dto.panelId, version);
    return {};
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
      change.requireLive();
      const ids = open.queue.map((r) => r.id);
      const from = ids.indexOf(dto.interventionId);
      if (from < 0) throw notInQueue();
      const order = moveInOrder(ids, dto.interventionId, dto.toIndex);
      const to = order.indexOf(dto.interventionId);
      if (to === from) return null;
      await writeQueueOrder(change.tx, order);
      return {
        action: 'queue:move',
        interventionId: dto.interventionId,
        detail: { before: { index: from }, after: { index: to } },
      };
    });
  }

  /**
   * Takes a waiting request out of the queue: a moderator's `queue:remove`, or (with `reason`
   * 'not_accredited') the revocation of its delegate's accreditation, logged and broadcast alike.
   */
  remove(actor: AuthUser, dto: InterventionRefDto, reason = 'removed'): Promise<FloorSnapshotAnswer> {
    return this.moderate(actor, dto.panelId, async (change, open) => {
      change.requireLive();
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
  async timeUp(job: FloorTimeUpJob): Promise<number> {
    const outcome = await this.locks.run(job.panelId, async (tx, panel) => {
      const row = await interventionById(tx, panel.id, job.interventionId);
      const clock = row && row.status === 'speaking' ? clockOf(row) : null;
      if (!row || !clock || clock.pausedAt || row.timeUpAt) return null;
      if (clockKey(row.id, clock) !== job.clockKey) return null;
      const change = new FloorChange(tx, panel, null);
      const left = remainingSeconds(clock, change.now);
      if (left > 0.05) return { early: true as const, ms: Math.ceil(left * 1000) };
      await tx.query('UPDATE interventions SET time_up_at = $2 WHERE id = $1', [row.id, change.now]);
      const detail = { allottedSeconds: clock.allottedSeconds, autoEnd: panel.settings.autoEndOnTimeUp };
      if (!panel.settings.autoEndOnTimeUp) {
        await change.log('floor:timeup', row.id, detail);
        return { change, snapshot: null, version: panel.version };
      }
      await change.endSpeech(row, 'time_up');
      await change.record('floor:timeup', row.id, {
        ...detail,
        before: { speakerId: row.id },
        after: { speakerId: null },
      });
      return { change, snapshot: await this.snapshots.read(tx, panel, change.now), version: change.version! };
    });
    if (!outcome) return 0;
    if (outcome.early) return outcome.ms;
    this.publisher.toPanel(job.panelId).emit('floor:timeup', {
      panelId: job.panelId,
      interventionId: job.interventionId,
      version: outcome.version,
    });
    if (outcome.snapshot) await this.afterCommit(outcome.change, outcome.snapshot);
    return 0;
  }

  /** In the panel's end transaction: the speech ends and the waiting requests are removed. */
  async endForPanel(tx: EntityManager, panel: PanelEntity, actor: AuthUser): Promise<FloorChange> {
    const change = new FloorChange(tx, panel, actor);
    const open = splitOpen(await openInterventions(tx, panel.id));
    if (open.speaker) await change.endSpeech(open.speaker, 'panel_ended');
    await change.leaveQueue(
      open.queue.map((r) => r.id),
      'removed',
      'panel_ended',
    );
    return change;
  }

  /** After a change committed outside this service (panel start/end): timers and webcast follow. */
  async followCommitted(change: FloorChange): Promise<void> {
    void this.timers.apply(change.cancel, change.schedule);
    const speaker = change.speakerChange;
    if (speaker) await this.notifySpeakerChange(speaker);
  }

  /** The shape shared by the moderators' commands: they answer the (full) snapshot. */
  private async moderate(actor: AuthUser, panelId: string, work: Work): Promise<FloorSnapshotAnswer> {
    const { change, snapshot, changed } = await this.locks.run(panelId, async (tx, panel) => {
      const change = new FloorChange(tx, panel, actor);
      const open = splitOpen(await openInterventions(tx, panel.id));
      const done = await work(change, open);
      if (done) await change.record(done.action, done.interventionId, done.detail);
      return { change, snapshot: await this.snapshots.read(tx, panel, change.now), changed: !!done };
    });
    if (!changed) return snapshot;
    return this.afterCommit(change, snapshot);
  }

  private async afterCommit(change: FloorChange, snapshot: PanelSnapshot): Promise<FloorSnapshotAnswer> {
    this.broadcaster.publish(snapshot.panelId, snapshot.version, snapshot);
    // Not awaited: with Redis away the job waits for it, the answer must not (the sweeper covers a loss).
    void this.timers.apply(change.cancel, change.schedule);
    const speaker = change.speakerChange;
    const webcastError = speaker ? await this.notifySpeakerChange(speaker) : null;
    return webcastError ? { ...snapshot, webcastError } : snapshot;
  }

  private async giveFloor(
    change: FloorChange,
    open: Open,
    target: InterventionRow,
    action: string,
    seconds?: number,
  ) {
    if (open.speaker) await change.endSpeech(open.speaker, 'replaced');
    const clock = await change.startSpeech(target, seconds);
    return {
      action,
      interventionId: target.id,
      detail: {
        before: { speakerId: open.speaker?.id ?? null },
        after: { speakerId: target.id, allottedSeconds: clock.allottedSeconds },
      },
    };
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
      const outcome = await Promise.race([this.hooks.runSpeakerChanged(change), timeout]);
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

function splitOpen(rows: InterventionRow[]): Open {
  return {
    speaker: rows.find((r) => r.status === 'speaking') ?? null,
    queue: rows.filter((r) => r.status === 'queued'),
  };
}

function requireSpeaker(change: FloorChange, open: Open) {
  change.requireLive();
  const clock = open.speaker ? clockOf(open.speaker) : null;
  if (!open.speaker || !clock) throw noSpeaker();
  return { speaker: open.speaker, clock };
}

const notInQueue = () => new AppError('NOT_IN_QUEUE', 'That request is not waiting in the queue');
const noSpeaker = () => new AppError('NO_SPEAKER', 'Nobody has the floor');
