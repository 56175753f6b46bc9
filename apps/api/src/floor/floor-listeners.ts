import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppEvents } from '../common/app-events';
import { FloorSnapshotsService, PanelStateBroadcaster, toPublicSnapshot } from './panel-state';
import { FloorService } from './floor.service';

/**
 * Where the floor takes part in what others own (AppEvents): a panel's start, end and settings (its end
 * ends the speech and empties the queue in the same change; each broadcasts `panel:state` after commit),
 * `panel:join` (the snapshot, full for the panel's moderators, public for everyone else), and the socket
 * adapter's return after a Redis outage (this instance's clients get the state they may have missed).
 */
@Injectable()
export class FloorListeners implements OnModuleInit {
  constructor(
    private readonly events: AppEvents,
    private readonly floor: FloorService,
    private readonly snapshots: FloorSnapshotsService,
    private readonly broadcaster: PanelStateBroadcaster,
  ) {}

  onModuleInit(): void {
    this.events.on('panel:changed', 'floor', async ({ change, what }) => {
      if (what === 'end') return this.floor.endForPanel(change);
      // Read after commit: by then the panel's version is the one this change took.
      return [() => this.broadcaster.publish(change.panel.id, change.panel.version)];
    });
    this.events.on('panel:join', 'floor', async ({ panelId, audience }) => {
      const snapshot = await this.snapshots.current(panelId);
      return audience === 'moderator' ? snapshot : toPublicSnapshot(snapshot);
    });
    this.events.on('redis:resubscribed', 'floor', () => this.broadcaster.resendToLocalClients());
  }
}
