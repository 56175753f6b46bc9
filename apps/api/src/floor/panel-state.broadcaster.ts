import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { PanelSnapshot } from '@rostrum/contracts';
import { LivePublisher } from '../live/live-publisher';
import { PresenceService } from '../live/presence.service';
import { FloorSnapshotsService, toPublicSnapshot } from './floor-snapshot';

/**
 * How many bytes of `panel:state` one panel may push to its audience per second. A speakers' list of 2,000
 * sent to 2,000 clients is 1.6 GB; sent once per request in a burst, it would be terabytes.
 */
const FANOUT_BYTES_PER_SECOND = 250e6;
const MAX_PAUSE_MS = 10_000;
/**
 * Rough size of a snapshot on the wire: an intervention is ~560 bytes of JSON since it carries the list of
 * speakers' fields (onBehalfOf, replyTo, onDeck, ready); 2,000 waiting requests measured 1,114,213 bytes.
 */
const estimatedBytes = (s: PanelSnapshot) => 700 + 560 * (s.queue.length + (s.speaker ? 1 : 0));

interface PanelLine {
  /** Highest version broadcast from this instance. */
  sent: number;
  /** Highest version committed that this instance must see broadcast. */
  wanted: number;
  /** When `wanted` was published (performance.now()): a snapshot read before then may not have it. */
  wantedAt: number;
  /** The snapshot of `wanted`, when the change built one. */
  ready: PanelSnapshot | null;
  running: boolean;
  /** No broadcast before this time (ms): the last one's cost still being paid. */
  notBefore: number;
}

/**
 * Sends `panel:state` after commits: the moderators' room gets the full snapshot, everyone else the public
 * view. One send at a time per panel, latest version wins, and a send that cost B bytes × audience waits
 * for the panel's fan-out budget before the next. At human pace every version goes out at once; in a burst
 * (a room of delegates asking for the floor together) the versions in between are skipped — each
 * `panel:state` is the whole truth, so the newest is all a client needs.
 */
@Injectable()
export class PanelStateBroadcaster implements BeforeApplicationShutdown {
  private readonly log = new Logger(PanelStateBroadcaster.name);
  /** One small entry per panel this instance has broadcast for (kept, so a late older version is dropped). */
  private readonly panels = new Map<string, PanelLine>();
  private stopped = false;

  constructor(
    private readonly publisher: LivePublisher,
    private readonly snapshots: FloorSnapshotsService,
    private readonly presence: PresenceService,
  ) {}

  /** Before the socket adapter closes its Redis connections: a send after that would fail unhandled. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
  }

  /** `version` was committed; `snapshot`, when given, is exactly that version. */
  publish(panelId: string, version: number, snapshot?: PanelSnapshot): void {
    const line = this.panels.get(panelId) ?? {
      sent: 0,
      wanted: 0,
      wantedAt: 0,
      ready: null,
      running: false,
      notBefore: 0,
    };
    this.panels.set(panelId, line);
    if (version <= line.sent || version < line.wanted) return;
    line.wanted = version;
    line.wantedAt = performance.now();
    line.ready = snapshot?.version === version ? snapshot : null;
    if (!line.running) void this.drain(panelId, line);
  }

  private async drain(panelId: string, line: PanelLine): Promise<void> {
    line.running = true;
    try {
      while (line.wanted > line.sent && !this.stopped) {
        const pause = line.notBefore - Date.now();
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause).unref());
        if (this.stopped) break;
        const wanted = line.wanted;
        const snapshot =
          line.ready?.version === wanted ? line.ready : await this.snapshots.current(panelId, line.wantedAt);
        line.ready = null;
        if (this.stopped) break;
        if (snapshot.version > line.sent) {
          this.emit({ ...snapshot, previousVersion: line.sent });
          line.sent = snapshot.version;
          const cost = estimatedBytes(snapshot) * this.presence.audience(panelId);
          line.notBefore = Date.now() + Math.min(MAX_PAUSE_MS, (cost / FANOUT_BYTES_PER_SECOND) * 1000);
        }
        if (snapshot.version < wanted) break; // a read after the commit cannot miss it; never spin
      }
    } catch (err) {
      this.log.error({ err, panelId }, 'panel:state not broadcast; trying again in 1 s');
      setTimeout(() => {
        if (!line.running && line.wanted > line.sent) void this.drain(panelId, line);
      }, 1000).unref();
    } finally {
      line.running = false;
    }
  }

  /**
   * After this instance lost Redis for a while, broadcasts other instances made meanwhile never reached its
   * clients, and nothing may change for minutes: send each panel's current state to its clients here, with
   * `previousVersion` at that version, so a client that had fallen behind joins again (questions too).
   */
  async resendToLocalClients(): Promise<void> {
    for (const panelId of this.publisher.localPanels()) {
      try {
        const snapshot = await this.snapshots.current(panelId);
        this.emit({ ...snapshot, previousVersion: snapshot.version }, { localOnly: true });
      } catch (err) {
        this.log.warn({ err, panelId }, 'could not resend panel:state after Redis came back');
      }
    }
  }

  private emit(snapshot: PanelSnapshot, options?: { localOnly: boolean }): void {
    const { moderators, audience } = this.publisher.toPanelSides(snapshot.panelId, options);
    moderators.emit('panel:state', snapshot);
    audience.emit('panel:state', toPublicSnapshot(snapshot));
  }
}
