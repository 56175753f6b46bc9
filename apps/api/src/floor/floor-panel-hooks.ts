import { Injectable, OnModuleInit } from '@nestjs/common';
import { PanelEntity } from '@rostrum/database';
import { PanelJoinHooks } from '../live/panel-join-hooks';
import { PanelHooks } from '../panels/panel-hooks';
import { FloorChange } from './floor-change';
import { toPublicSnapshot } from './floor-snapshot';
import { FloorSnapshotsService } from './floor-snapshots.service';
import { FloorService } from './floor.service';
import { PanelStateBroadcaster } from './panel-state.broadcaster';

/**
 * Where the floor takes part in what others own: a panel's end (the speech ends and the queue empties in
 * the same transaction), status and settings changes made over REST (broadcast `panel:state`), and
 * `panel:join` (the snapshot, full for the panel's moderators, public for everyone else).
 */
@Injectable()
export class FloorPanelHooks implements OnModuleInit {
  /** The floor's part of a panel's end, from its transaction to its after-commit hook (same entity object). */
  private readonly endings = new WeakMap<PanelEntity, FloorChange>();

  constructor(
    private readonly panelHooks: PanelHooks,
    private readonly joinHooks: PanelJoinHooks,
    private readonly floor: FloorService,
    private readonly snapshots: FloorSnapshotsService,
    private readonly broadcaster: PanelStateBroadcaster,
  ) {}

  onModuleInit(): void {
    this.panelHooks.onTransaction(async (tx, panel, change, actor) => {
      if (change === 'end') this.endings.set(panel, await this.floor.endForPanel(tx, panel, actor));
    });
    this.panelHooks.onCommitted(async (panel) => {
      this.broadcaster.publish(panel.id, panel.version);
      const ending = this.endings.get(panel);
      this.endings.delete(panel);
      if (ending) await this.floor.followCommitted(ending);
    });
    this.panelHooks.onSettingsChanged((panel) => this.broadcaster.publish(panel.id, panel.version));
    this.joinHooks.add(async ({ panelId, audience }) => {
      const snapshot = await this.snapshots.current(panelId);
      return audience === 'moderator' ? snapshot : toPublicSnapshot(snapshot);
    });
  }
}
