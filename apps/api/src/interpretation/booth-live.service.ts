import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BoothState, FLOOR_CHANNEL, ROOMS } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppEvents } from '../common/app-events';
import { validationFailed } from '../common/app-error';
import { withTimeout } from '../common/with-timeout';
import type { LiveSocket } from '../live/live-socket';
import { PanelChange, PanelChanges } from '../panels/change/panel-changes';
import { eventLanguagesOf, readBooth, requireBoothOf, requireNotEnded } from './booth-store';
import { BoothStatePublisher } from './booth-state.publisher';
import type { BoothRefDto, BoothRelayDto } from './dto/booth-command.dto';

/** How long a take or release waits for the webcast to move the microphone before it answers anyway. */
const WEBCAST_WAIT_MS = 2000;
const boothKey = (panelId: string, language: string) => `${panelId}/${language}`;

/**
 * Who speaks in a booth during a panel: `booth:join`, `booth:take`, `booth:release`, `booth:relay`. Takes,
 * releases and relays are changes of the panel (PanelChanges: its line, its row lock, its record); the
 * schema keeps at most one live interpreter per booth and panel whatever the races. After commit the
 * webcast moves the microphone (`booth:live`) and `booth:state` goes to the booth and the moderators.
 */
@Injectable()
export class BoothLiveService implements OnModuleInit {
  private readonly log = new Logger(BoothLiveService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly changes: PanelChanges,
    private readonly publisher: BoothStatePublisher,
    private readonly events: AppEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('panel:changed', 'interpretation', ({ change, what }) =>
      what === 'end' ? this.panelEnded(change) : undefined,
    );
    // Moderators see every booth of the panel from the moment they join it.
    this.events.on('panel:join', 'interpretation', async ({ panelId, audience }) =>
      audience === 'moderator' ? { booths: await this.statesOf(panelId) } : {},
    );
  }

  /** Every booth of the panel's event, in the event's language order. */
  async statesOf(panelId: string): Promise<BoothState[]> {
    const languages = await eventLanguagesOf(this.db, panelId);
    return Promise.all(
      languages.map(async (language) => this.publisher.stateOf(await readBooth(this.db, panelId, language))),
    );
  }

  async join(socket: LiveSocket, user: AuthUser, dto: BoothRefDto): Promise<BoothState> {
    const booth = await requireBoothOf(this.db, dto.panelId, dto.language, user.id);
    if (!socket.connected) return this.publisher.stateOf(booth);
    await socket.join(ROOMS.booth(dto.panelId, dto.language));
    if (!socket.data.booths) {
      socket.data.booths = {};
      // Its booth mates see it go offline; not when the whole instance shuts down (Redis may be gone).
      socket.once('disconnect', (reason) => {
        if (reason !== 'server shutting down') void this.disconnected(socket);
      });
    }
    socket.data.booths[boothKey(dto.panelId, dto.language)] = true;
    return this.publisher.publish(booth); // someone came online
  }

  /** Tells the booths this connection had joined that it went offline (socket.io already left the rooms). */
  private async disconnected(socket: LiveSocket): Promise<void> {
    for (const key of Object.keys(socket.data.booths ?? {})) {
      const [panelId, language] = key.split('/');
      try {
        await this.publisher.publish(await readBooth(this.db, panelId, language));
      } catch (err) {
        this.log.warn({ err, panelId, language }, 'could not announce a booth mate going offline');
      }
    }
  }

  /** The caller becomes the booth's live interpreter; whoever was live is cut at once. */
  take(user: AuthUser, dto: BoothRefDto): Promise<BoothState> {
    return this.change(user, dto, async (change) => {
      const booth = await requireBoothOf(change.tx, dto.panelId, dto.language, user.id);
      requireNotEnded(booth);
      if (booth.live?.id === user.id) return false; // already live: nothing to change
      if (booth.live) await this.endShift(change, dto);
      await change.tx.query(
        `INSERT INTO booth_shifts (panel_id, language, interpreter_id, started_at) VALUES ($1, $2, $3, $4)`,
        [dto.panelId, dto.language, user.id, change.now],
      );
      change.log({
        action: 'booth:take',
        detail: {
          language: dto.language,
          interpreter: { id: user.id, name: user.name },
          previous: booth.live,
        },
      });
      return true;
    });
  }

  /** The caller stops being live (nothing changes when they were not). */
  release(user: AuthUser, dto: BoothRefDto): Promise<BoothState> {
    return this.change(user, dto, async (change) => {
      const booth = await requireBoothOf(change.tx, dto.panelId, dto.language, user.id);
      if (booth.live?.id !== user.id) return false;
      await this.endShift(change, dto);
      change.log({
        action: 'booth:release',
        detail: { language: dto.language, interpreter: { id: user.id, name: user.name } },
      });
      return true;
    });
  }

  /** Records which channel the booth interprets from: the floor, or another booth (relay interpreting). */
  relay(user: AuthUser, dto: BoothRelayDto): Promise<BoothState> {
    return this.change(user, dto, async (change) => {
      const booth = await requireBoothOf(change.tx, dto.panelId, dto.language, user.id);
      if (dto.from !== FLOOR_CHANNEL && (dto.from === dto.language || !booth.languages.includes(dto.from))) {
        throw validationFailed(
          `from must be "floor" or another of the event's languages (${booth.languages.filter((l) => l !== dto.language).join(', ') || 'none'})`,
        );
      }
      if (booth.relayFrom === dto.from) return false;
      await change.tx.query(
        `INSERT INTO booth_relays (panel_id, language, relay_from) VALUES ($1, $2, $3)
         ON CONFLICT (panel_id, language) DO UPDATE SET relay_from = EXCLUDED.relay_from`,
        [dto.panelId, dto.language, dto.from],
      );
      change.log({
        action: 'booth:relay',
        detail: { language: dto.language, from: dto.from, previous: booth.relayFrom },
      });
      return 'relay';
    });
  }

  /** A panel's end, inside its change: every booth goes off air (in the record), and the booths are told. */
  private async panelEnded(change: PanelChange) {
    const panelId = change.panel.id;
    const [ended]: [{ language: string; id: string; name: string }[], number] = await change.tx.query(
      `UPDATE booth_shifts s SET ended_at = $2 FROM users u
       WHERE s.panel_id = $1 AND s.ended_at IS NULL AND u.id = s.interpreter_id
       RETURNING s.language, u.id, u.name`,
      [panelId, change.now],
    );
    for (const { language, id, name } of ended) {
      change.log({
        action: 'booth:release',
        detail: { language, interpreter: { id, name }, reason: 'panel ended' },
      });
    }
    return ended.map(({ language }) => async () => {
      await this.tellWebcast(panelId, language);
      await this.publisher.publish(await readBooth(this.db, panelId, language));
    });
  }

  /**
   * One booth command on the change path. The work answers whether it changed anything (and what): after
   * commit, a change of who is live goes to the webcast first (the microphone is cut before anyone is told),
   * then the state to everyone concerned. The answer is the booth's state as it is after the change.
   */
  private async change(
    user: AuthUser,
    dto: BoothRefDto,
    work: (change: PanelChange) => Promise<boolean | 'relay'>,
  ): Promise<BoothState> {
    let state: BoothState | null = null;
    await this.changes.run(dto.panelId, { id: user.id, role: user.role }, async (change) => {
      const changed = await work(change);
      const afterCommit = [];
      if (changed === true) afterCommit.push(() => this.tellWebcast(dto.panelId, dto.language));
      afterCommit.push(async () => {
        const booth = await readBooth(this.db, dto.panelId, dto.language);
        state = changed ? await this.publisher.publish(booth) : await this.publisher.stateOf(booth);
      });
      return { answer: null, afterCommit };
    });
    return state ?? this.publisher.stateOf(await readBooth(this.db, dto.panelId, dto.language));
  }

  private async endShift(change: PanelChange, dto: BoothRefDto): Promise<void> {
    await change.tx.query(
      `UPDATE booth_shifts SET ended_at = $3 WHERE panel_id = $1 AND language = $2 AND ended_at IS NULL`,
      [dto.panelId, dto.language, change.now],
    );
  }

  private async tellWebcast(panelId: string, language: string): Promise<void> {
    try {
      await withTimeout(
        this.events.emit('booth:live', { panelId, language }),
        WEBCAST_WAIT_MS,
        'the webcast',
      );
    } catch (err) {
      this.log.warn({ err, panelId, language }, 'the webcast did not follow the booth in time');
    }
  }
}
