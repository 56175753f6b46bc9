import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import {
  FLOOR_CHANNEL,
  PanelStatus,
  WebcastChannel,
  WebcastPublicInfo,
  WebcastTokenView,
} from '@rostrum/contracts';
import { EventEntity, PanelEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { AppError, notFound } from '../common/app-error';
import { PanelAccessService } from '../panels/panel-access.service';
import { LiveKitService } from './livekit.service';
import { HLS_DIR, HLS_LIVE_PLAYLIST } from './recording-paths';
import { joinGrant, roomNameOf, WebcastRole } from './webcast-grants';
import { WebcastBoothsService } from './webcast-booths.service';
import { WebcastFloorService } from './webcast-floor.service';

interface WebcastSeat {
  role: WebcastRole;
  label: string;
  /** Participant attributes set by the token (the participant cannot change them). */
  attributes?: Record<string, string>;
}

/** Join tokens for a panel's room, by who asks, and what the public page needs to know of the webcast. */
@Injectable()
export class WebcastService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly livekit: LiveKitService,
    private readonly access: PanelAccessService,
    private readonly floor: WebcastFloorService,
    private readonly booths: WebcastBoothsService,
  ) {}

  /** A signed-in user's token: the role in this panel decides what they may publish. */
  async tokenFor(panelId: string, user: AuthUser): Promise<WebcastTokenView> {
    this.livekit.require();
    await this.openPanel(panelId);
    return this.issue(panelId, user.id, user.name, await this.seatOf(panelId, user));
  }

  /** An anonymous viewer's token: subscribe only, hidden, an identity tied to no account. */
  async publicToken(panelId: string): Promise<WebcastTokenView> {
    this.livekit.require();
    await this.openPanel(panelId);
    const identity = `public-${randomBytes(9).toString('base64url')}`;
    return this.issue(panelId, identity, 'Viewer', { role: 'public', label: 'public' });
  }

  /** `webcast` of `GET /api/public/panels/:id`: with HLS on, the floor's stream and one per event language. */
  async publicInfo(panel: { id: string; status: PanelStatus; eventId: string }): Promise<WebcastPublicInfo> {
    const live = this.livekit.enabled && panel.status === 'live';
    if (!live || !this.config.webcastHls) return { live, hlsUrl: null, hls: [] };
    const event = await this.db
      .getRepository(EventEntity)
      .findOne({ where: { id: panel.eventId }, select: { id: true, languages: true } });
    const hls = [
      { language: FLOOR_CHANNEL, url: hlsUrlOf(panel.id) },
      ...(event?.languages ?? []).map((language) => ({ language, url: hlsUrlOf(panel.id, language) })),
    ];
    return { live, hlsUrl: hlsUrlOf(panel.id), hls };
  }

  private async issue(
    panelId: string,
    identity: string,
    name: string,
    { role, label, attributes }: WebcastSeat,
  ): Promise<WebcastTokenView> {
    const room = roomNameOf(panelId);
    const grant = joinGrant(role, room);
    // The role label lets the webhooks count presence per bucket and the web app label tiles.
    const token = await this.livekit.joinToken(identity, {
      name,
      metadata: JSON.stringify({ role: label }),
      attributes,
      grant,
    });
    const url = this.livekit.require().config.publicUrl;
    const channels = await this.channelsOf(panelId);
    return { url, token, room, identity, canPublish: !!grant.canPublish, channels };
  }

  /** The floor (live while the panel is), then each of the event's languages (live while a booth speaks). */
  private async channelsOf(panelId: string): Promise<WebcastChannel[]> {
    const [row]: { languages: string[]; status: PanelStatus }[] = await this.db.query(
      `SELECT e.languages, p.status FROM panels p JOIN events e ON e.id = p.event_id WHERE p.id = $1`,
      [panelId],
    );
    const live = await this.booths.liveLanguages(panelId);
    return [
      { language: FLOOR_CHANNEL, live: row?.status === 'live' },
      ...(row?.languages ?? []).map((language) => ({ language, live: live.has(language) })),
    ];
  }

  private async seatOf(panelId: string, user: AuthUser): Promise<WebcastSeat> {
    if (await this.access.isModerator(panelId, user.id)) return { role: 'presenter', label: 'moderator' };
    if (user.role === 'panelist' && (await this.access.isPanelist(panelId, user.id))) {
      return { role: 'presenter', label: 'panelist' };
    }
    if (user.role === 'delegate') {
      const speaking = await this.floor.isSpeaking(panelId, user.id);
      return { role: speaking ? 'speaker' : 'delegate', label: 'delegate' };
    }
    if (user.role === 'interpreter') {
      const seat = await this.booths.seatOf(panelId, user.id);
      if (seat) {
        return {
          role: seat.live ? 'interpreterLive' : 'interpreter',
          label: 'interpreter',
          attributes: { role: 'interpreter', language: seat.language },
        };
      }
    }
    return { role: 'viewer', label: 'viewer' }; // not counted in the panel's presence
  }

  /** The panel exists and has not ended (there is nothing left to watch live). */
  private async openPanel(panelId: string): Promise<void> {
    const panel = await this.db.getRepository(PanelEntity).findOne({
      where: { id: panelId },
      select: { id: true, status: true },
    });
    if (!panel) throw notFound('Panel');
    if (panel.status === 'ended')
      throw new AppError('PANEL_NOT_LIVE', 'This panel has ended; its webcast is over');
  }
}

/** The floor's live playlist, or a language channel's (`hls/<language>/live.m3u8`). */
export const hlsUrlOf = (panelId: string, language?: string) =>
  `/api/public/panels/${panelId}/webcast/${HLS_DIR}/${language ? `${language}/` : ''}${HLS_LIVE_PLAYLIST}`;
