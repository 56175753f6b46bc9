import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, WEBCAST_JOB_NAMES, WebcastSyncBoothJob } from '@rostrum/contracts';
import { AppEvents, SpeakerChangeOutcome } from '../common/app-events';
import { describeLiveKitError, isGone, LiveKitService } from './livekit.service';
import { interpreterPermission, roomNameOf } from './webcast-grants';
import { queueWebcastRetry } from './webcast-queues';

/** Passes over a booth before giving up on a booth that keeps changing hands while we apply it. */
const MAX_PASSES = 5;

export interface BoothSeat {
  language: string;
  live: boolean;
}

/**
 * "Only the live interpreter is heard", enforced on LiveKit through publish permissions (a server mute can be
 * undone by the client): the booth's live interpreter may publish the microphone, every other interpreter of
 * the booth may not (revoking `canPublish` makes LiveKit unpublish their tracks). The others are cut before
 * the live one is given the microphone. Each pass re-reads who is live *now* and passes again when the booth
 * changed hands meanwhile, so two instances applying two takes at once still end on the last one.
 */
@Injectable()
export class WebcastBoothsService implements OnModuleInit {
  private readonly logger = new Logger(WebcastBoothsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly livekit: LiveKitService,
    @InjectQueue(QUEUES.webcastSync) private readonly sync: Queue<WebcastSyncBoothJob>,
    private readonly events: AppEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('booth:live', 'webcast', ({ panelId, language }) => this.boothChanged(panelId, language));
  }

  /** `booth:live` (AppEvents): never throws; a failure is retried in the background. */
  async boothChanged(panelId: string, language: string): Promise<SpeakerChangeOutcome> {
    if (!this.livekit.enabled) return { webcastError: null };
    try {
      await this.applyBooth(panelId, language);
      return { webcastError: null };
    } catch (err) {
      const reason = describeLiveKitError(err);
      this.logger.warn({ panelId, language, err: reason }, 'webcast did not follow the booth; retrying');
      await this.queueRetry(panelId, language);
      return { webcastError: `The webcast did not follow the booth: ${reason}.` };
    }
  }

  /** Sets the publish rights of every interpreter of the booth from who is live in it now. */
  async applyBooth(panelId: string, language: string): Promise<void> {
    const { rooms } = this.livekit.require();
    const room = roomNameOf(panelId);
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const { live, interpreterIds } = await this.boothOf(panelId, language);
      const others = interpreterIds.filter((id) => id !== live);
      for (const userId of [...others, ...(live ? [live] : [])]) {
        try {
          await rooms.updateParticipant(room, userId, { permission: interpreterPermission(userId === live) });
        } catch (err) {
          if (!isGone(err)) throw err; // not in the room: their join token carries the right rights
        }
      }
      if ((await this.boothOf(panelId, language)).live === live) return;
    }
    this.logger.warn({ panelId, language }, 'the booth kept changing hands; the next change will settle it');
  }

  /** Which booth of the panel an interpreter works in (the one they are live in first), if any. */
  async seatOf(panelId: string, userId: string): Promise<BoothSeat | null> {
    const rows: { language: string; live: boolean }[] = await this.db.query(
      `SELECT b.language,
         EXISTS (SELECT 1 FROM booth_shifts s WHERE s.panel_id = p.id AND s.language = b.language
                   AND s.interpreter_id = $2 AND s.ended_at IS NULL) AS live,
         array_position(e.languages, b.language::text) AS rank
       FROM panels p JOIN events e ON e.id = p.event_id
       JOIN booths b ON b.event_id = e.id JOIN booth_interpreters bi ON bi.booth_id = b.id
       WHERE p.id = $1 AND bi.user_id = $2 AND b.language = ANY (e.languages)
       ORDER BY live DESC, rank`,
      [panelId, userId],
    );
    return rows[0] ? { language: rows[0].language, live: rows[0].live } : null;
  }

  /** The languages with a live interpreter during the panel. */
  async liveLanguages(panelId: string): Promise<Set<string>> {
    const rows: { language: string }[] = await this.db.query(
      `SELECT language FROM booth_shifts WHERE panel_id = $1 AND ended_at IS NULL`,
      [panelId],
    );
    return new Set(rows.map((r) => r.language));
  }

  /** Who is live, and everyone who may hold the booth's microphone (its interpreters, and whoever was live). */
  private async boothOf(
    panelId: string,
    language: string,
  ): Promise<{ live: string | null; interpreterIds: string[] }> {
    const [row]: { live: string | null; ids: string[] | null }[] = await this.db.query(
      `SELECT
         (SELECT interpreter_id FROM booth_shifts WHERE panel_id = p.id AND language = $2 AND ended_at IS NULL) AS live,
         ARRAY(SELECT bi.user_id FROM booths b JOIN booth_interpreters bi ON bi.booth_id = b.id
                 WHERE b.event_id = p.event_id AND b.language = $2
               UNION SELECT interpreter_id FROM booth_shifts WHERE panel_id = p.id AND language = $2) AS ids
       FROM panels p WHERE p.id = $1`,
      [panelId, language],
    );
    return { live: row?.live ?? null, interpreterIds: row?.ids ?? [] };
  }

  /** A retry job; whenever it runs it applies the booth as it is then, so a late one does no harm. */
  private queueRetry(panelId: string, language: string): Promise<void> {
    const jobId = [WEBCAST_JOB_NAMES.syncBooth, panelId, language, Date.now()].join('-');
    return queueWebcastRetry(
      this.sync,
      WEBCAST_JOB_NAMES.syncBooth,
      { panelId, language },
      jobId,
      this.logger,
    );
  }
}
