import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROOMS } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppEvents } from '../common/app-events';
import { AppError, notFound } from '../common/app-error';
import { LIVE_LIMITS, LiveSocket, PanelAudience } from './live-socket';
import { PresenceService } from './presence.service';

/** Joining and leaving a panel's rooms, and what a client is to the panel it joins. */
@Injectable()
export class PanelRoomsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly presence: PresenceService,
    private readonly events: AppEvents,
  ) {}

  /**
   * Joins the panel's room (and its moderators' room, for them) *before* reading the snapshot, so no
   * broadcast can fall between the answer and the first `panel:state`. Joining again refreshes the view.
   */
  async join(socket: LiveSocket, panelId: string): Promise<object> {
    const user = socket.data.user;
    const joinedCount = Object.keys(socket.data.panels).length;
    if (!socket.data.panels[panelId] && joinedCount >= LIVE_LIMITS.panelsPerConnection) {
      throw new AppError(
        'CONFLICT',
        `A connection may join at most ${LIVE_LIMITS.panelsPerConnection} panels`,
      );
    }
    const audience = await this.audienceOf(panelId, user);
    if (!socket.connected) return {}; // gone while we looked: joining now would leave rooms behind
    const previous = socket.data.panels[panelId];
    await socket.join(ROOMS.panel(panelId));
    if (user) await socket.join(ROOMS.panelMembers(panelId));
    if (audience === 'moderator') await socket.join(ROOMS.panelModerators(panelId));
    else await socket.leave(ROOMS.panelModerators(panelId));
    socket.data.panels[panelId] = audience;
    if (previous) this.presence.left(panelId, previous);
    this.presence.joined(panelId, audience);
    // Each feature's part (`panel:join`: the floor's snapshot, Q&A's questions), merged in the stated order.
    const parts = await this.events.gather('panel:join', { panelId, audience, user });
    return Object.assign({ questions: [] }, ...parts);
  }

  async leave(socket: LiveSocket, panelId: string): Promise<Record<string, never>> {
    const audience = socket.data.panels[panelId];
    if (!audience) return {};
    delete socket.data.panels[panelId];
    await socket.leave(ROOMS.panel(panelId));
    await socket.leave(ROOMS.panelMembers(panelId));
    await socket.leave(ROOMS.panelModerators(panelId));
    this.presence.left(panelId, audience);
    return {};
  }

  /** On disconnect socket.io leaves the rooms itself; the presence counts are ours to undo. */
  disconnected(socket: LiveSocket): void {
    for (const [panelId, audience] of Object.entries(socket.data.panels ?? {})) {
      this.presence.left(panelId, audience);
    }
    socket.data.panels = {};
  }

  private async audienceOf(panelId: string, user: AuthUser | null): Promise<PanelAudience> {
    const [row]: { isModerator: boolean; isPanelist: boolean }[] = await this.db.query(
      `SELECT
         EXISTS (SELECT 1 FROM panel_moderators WHERE panel_id = p.id AND user_id = $2::uuid) AS "isModerator",
         EXISTS (SELECT 1 FROM panel_panelists WHERE panel_id = p.id AND user_id = $2::uuid) AS "isPanelist"
       FROM panels p WHERE p.id = $1`,
      [panelId, user?.id ?? null],
    );
    if (!row) throw notFound('Panel');
    if (!user) return 'public';
    if (user.role === 'admin' || row.isModerator) return 'moderator';
    if (row.isPanelist) return 'panelist';
    return user.role === 'delegate' ? 'delegate' : 'public';
  }
}
