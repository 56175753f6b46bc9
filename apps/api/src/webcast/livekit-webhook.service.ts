import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WebhookEvent } from 'livekit-server-sdk';
import { DataSource, EntityManager } from 'typeorm';
import { RecordingEntity } from '@rostrum/database';
import { AppError, validationFailed } from '../common/app-error';
import { LiveKitService } from './livekit.service';
import { panelIdOfRoom, participantRole } from './webcast-grants';
import { WebcastBoothsService } from './webcast-booths.service';
import { WebcastFloorService } from './webcast-floor.service';
import { WebcastPresenceService } from './webcast-presence.service';
import { WebcastRecordingService } from './webcast-recording.service';

/**
 * LiveKit's webhooks: verified against the raw body, handled once per event id (the id is recorded in the
 * same transaction as the effect, so a redelivery, a replay or a concurrent duplicate changes nothing).
 */
@Injectable()
export class LiveKitWebhookService {
  private readonly logger = new Logger(LiveKitWebhookService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly livekit: LiveKitService,
    private readonly recordings: WebcastRecordingService,
    private readonly presence: WebcastPresenceService,
    private readonly floor: WebcastFloorService,
    private readonly booths: WebcastBoothsService,
  ) {}

  async receive(rawBody: Buffer | undefined, authorization: string | undefined): Promise<void> {
    const event = await this.verify(rawBody, authorization);
    if (!event.id) throw validationFailed('The webhook event has no id');

    let changed: RecordingEntity | null = null;
    const fresh = await this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO livekit_webhook_events (id, event) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.event.slice(0, 60)],
      );
      if (inserted.length === 0) return false;
      changed = await this.apply(event, tx);
      return true;
    });
    if (!fresh) {
      this.logger.debug({ eventId: event.id, event: event.event }, 'duplicate webhook ignored');
      return;
    }
    this.recordings.announce(changed);
    if (event.event === 'participant_joined') {
      await this.followFloor(event);
      await this.followBooth(event);
    }
  }

  private async verify(rawBody: Buffer | undefined, authorization: string | undefined) {
    const { webhooks } = this.livekit.require();
    try {
      return await webhooks.receive(rawBody?.toString('utf8') ?? '', authorization);
    } catch (err) {
      this.logger.warn({ reason: (err as Error).message }, 'webhook refused');
      throw new AppError('UNAUTHENTICATED', 'The webhook signature is missing, invalid or expired');
    }
  }

  private async apply(event: WebhookEvent, tx: EntityManager): Promise<RecordingEntity | null> {
    const panelId = panelIdOfRoom(event.room?.name ?? event.egressInfo?.roomName);
    switch (event.event) {
      case 'egress_ended':
      case 'egress_updated':
        return event.egressInfo ? this.recordings.applyEgressInfo(tx, event.egressInfo) : null;
      case 'participant_joined':
        if (panelId && event.participant) await this.presence.joined(panelId, event.participant);
        return null;
      case 'participant_left':
      case 'participant_connection_aborted':
        if (panelId && event.participant) await this.presence.left(panelId, event.participant);
        return null;
      case 'room_finished':
        if (panelId) await this.presence.clear(panelId);
        return null;
      default:
        return null;
    }
  }

  /**
   * A delegate may rejoin with a token minted while they held the floor; once in the room, their rights are
   * set from the floor as it is now. Best effort: a failure here is logged, the event stays handled.
   */
  private async followFloor(event: WebhookEvent): Promise<void> {
    const panelId = panelIdOfRoom(event.room?.name);
    const participant = event.participant;
    if (!panelId || !participant || participantRole(participant.metadata) !== 'delegate') return;
    try {
      const speaking = await this.floor.isSpeaking(panelId, participant.identity);
      if (participant.permission?.canPublish === speaking) return;
      await this.floor.applyFloor(panelId, [participant.identity]);
    } catch (err) {
      this.logger.warn({ err, panelId }, 'could not align a joining delegate with the floor');
    }
  }

  /** An interpreter joined: only their booth's live interpreter may publish (re-enforced on every join). */
  private async followBooth(event: WebhookEvent): Promise<void> {
    const panelId = panelIdOfRoom(event.room?.name);
    const attributes = event.participant?.attributes ?? {};
    if (!panelId || attributes.role !== 'interpreter' || !attributes.language) return;
    try {
      // They may rejoin with a token minted while they were live: the booth as it is now decides.
      await this.booths.applyBooth(panelId, attributes.language);
    } catch (err) {
      this.logger.warn({ err, panelId }, 'could not align a joining interpreter with their booth');
    }
  }
}
