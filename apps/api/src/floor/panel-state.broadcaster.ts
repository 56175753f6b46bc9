import { Injectable, Logger } from '@nestjs/common';
import { PanelSnapshot } from '@rostrum/contracts';
import { LivePublisher } from '../live/live-publisher';
import { toPublicSnapshot } from './floor-snapshot';
import { FloorSnapshotsService } from './floor-snapshots.service';

interface PanelLine {
  /** Highest version broadcast from this instance. */
  sent: number;
  /** Highest version committed that this instance must see broadcast. */
  wanted: number;
  /** The snapshot of `wanted`, when the change built one. */
  ready: PanelSnapshot | null;
  running: boolean;
}

/**
 * Sends `panel:state` after commits: the moderators' room gets the full snapshot, everyone else the public
 * view. One send at a time per panel, latest version wins: when commits arrive faster than snapshots can be
 * read and sent (a burst of requests), the versions in between are skipped — each `panel:state` is the whole
 * truth, so the newest one is all a client needs. At human pace every version goes out.
 */
@Injectable()
export class PanelStateBroadcaster {
  private readonly log = new Logger(PanelStateBroadcaster.name);
  /** One small entry per panel this instance has broadcast for (kept, so a late older version is dropped). */
  private readonly panels = new Map<string, PanelLine>();

  constructor(
    private readonly publisher: LivePublisher,
    private readonly snapshots: FloorSnapshotsService,
  ) {}

  /** `version` was committed; `snapshot`, when given, is exactly that version. */
  publish(panelId: string, version: number, snapshot?: PanelSnapshot): void {
    const line = this.panels.get(panelId) ?? { sent: 0, wanted: 0, ready: null, running: false };
    this.panels.set(panelId, line);
    if (version <= line.sent || version < line.wanted) return;
    line.wanted = version;
    line.ready = snapshot?.version === version ? snapshot : null;
    if (!line.running) void this.drain(panelId, line);
  }

  /** Emits a snapshot now, to both audiences. */
  emit(snapshot: PanelSnapshot): void {
    this.publisher.toPanelModerators(snapshot.panelId).emit('panel:state', snapshot);
    this.publisher.toPanelAudience(snapshot.panelId).emit('panel:state', toPublicSnapshot(snapshot));
  }

  private async drain(panelId: string, line: PanelLine): Promise<void> {
    line.running = true;
    try {
      while (line.wanted > line.sent) {
        const wanted = line.wanted;
        const snapshot = line.ready?.version === wanted ? line.ready : await this.snapshots.current(panelId);
        line.ready = null;
        if (snapshot.version > line.sent) {
          this.emit(snapshot);
          line.sent = snapshot.version;
        }
        if (snapshot.version < wanted) break; // cannot happen after a commit; never spin on it
      }
    } catch (err) {
      this.log.error({ err, panelId }, 'panel:state not broadcast');
    } finally {
      line.running = false;
    }
  }
}
