import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, WEBCAST_JOB_NAMES, WebcastSyncFloorJob } from '@rostrum/contracts';
import { AppEvents, SpeakerChange, SpeakerChangeOutcome } from '../common/app-events';
import { describeLiveKitError, isGone, LiveKitService } from './livekit.service';
import { delegatePermission, roomNameOf } from './webcast-grants';
import { queueWebcastRetry } from './webcast-queues';

/**
 * The floor drives the microphone: whoever holds the floor may publish camera and microphone, and nobody
 * else among the delegates. Every application re-reads who is speaking *now*, so a late retry can never give
 * the rights back to a speaker whose time is over.
 */
@Injectable()
export class WebcastFloorService implements OnModuleInit {
  private readonly logger = new Logger(WebcastFloorService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly livekit: LiveKitService,
    @InjectQueue(QUEUES.webcastSync) private readonly sync: Queue<WebcastSyncFloorJob>,
    private readonly events: AppEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('floor:speaker', 'webcast', (change) => this.speakerChanged(change));
  }

  /** `floor:speaker` (AppEvents): never throws; tells the moderator when the webcast did not follow. */
  async speakerChanged(change: SpeakerChange): Promise<SpeakerChangeOutcome> {
    if (!this.livekit.enabled) return { webcastError: null };
    const userIds = [change.revoked?.userId, change.granted?.userId].filter((id): id is string => !!id);
    try {
      await this.applyFloor(change.panelId, userIds);
      return { webcastError: null };
    } catch (err) {
      const reason = describeLiveKitError(err);
      this.logger.warn(
        { panelId: change.panelId, err: reason },
        'webcast did not follow the floor; retrying',
      );
      await this.queueRetry(change, userIds);
      return {
        webcastError: `The webcast did not follow the floor: ${reason}. Microphone rights will be retried.`,
      };
    }
  }

  /**
   * Sets each user's publish rights in the panel's room from the floor as it stands in the database; the
   * current speaker is always included. A user not in the room is skipped: their join token carries the
   * right rights when they come.
   */
  async applyFloor(panelId: string, userIds: string[]): Promise<void> {
    const { rooms } = this.livekit.require();
    const speakers = await this.speakersOf(panelId);
    const room = roomNameOf(panelId);
    for (const userId of new Set([...userIds, ...speakers])) {
      try {
        await rooms.updateParticipant(room, userId, { permission: delegatePermission(speakers.has(userId)) });
      } catch (err) {
        if (!isGone(err)) throw err;
      }
    }
  }

  /** Whether this user holds the floor of the panel now. */
  async isSpeaking(panelId: string, userId: string): Promise<boolean> {
    return (await this.speakersOf(panelId)).has(userId);
  }

  private async speakersOf(panelId: string): Promise<Set<string>> {
    const rows: { delegate_id: string }[] = await this.db.query(
      `SELECT delegate_id FROM interventions WHERE panel_id = $1 AND status = 'speaking'`,
      [panelId],
    );
    return new Set(rows.map((r) => r.delegate_id));
  }

  /** One job per change (deterministic id): a repeated hook for the same change queues it once. */
  private async queueRetry(change: SpeakerChange, userIds: string[]): Promise<void> {
    const jobId = [
      WEBCAST_JOB_NAMES.syncFloor,
      change.panelId,
      change.granted?.interventionId ?? 'none',
      change.revoked?.interventionId ?? 'none',
    ].join('-');
    await queueWebcastRetry(
      this.sync,
      WEBCAST_JOB_NAMES.syncFloor,
      { panelId: change.panelId, userIds },
      jobId,
      this.logger,
    );
  }
}
