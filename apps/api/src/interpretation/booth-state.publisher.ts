import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { BoothState, ROOMS } from '@rostrum/contracts';
import { LivePublisher } from '../live/live-publisher';
import type { BoothRow, Person } from './booth-store';

const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);

/**
 * Who is online in a booth, and `booth:state` to the booth's interpreters and the panel's moderators. Online
 * is read from the booth's socket.io room across every API instance (the Redis adapter's `fetchSockets`):
 * a connection that drops leaves the room by itself, so nothing can be left "online" by a crash.
 */
@Injectable()
export class BoothStatePublisher implements BeforeApplicationShutdown {
  private readonly log = new Logger(BoothStatePublisher.name);
  private stopped = false;

  constructor(private readonly live: LivePublisher) {}

  /** Before the socket adapter closes its Redis connections: a send after that would fail unhandled. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
  }

  async stateOf(booth: BoothRow): Promise<BoothState> {
    return {
      panelId: booth.panelId,
      language: booth.language,
      live: booth.live,
      relayFrom: booth.relayFrom,
      online: await this.online(booth),
      seq: booth.seq,
    };
  }

  async publish(booth: BoothRow): Promise<BoothState> {
    const state = await this.stateOf(booth);
    if (this.stopped) return state;
    this.live
      .toRooms([ROOMS.booth(booth.panelId, booth.language), ROOMS.panelModerators(booth.panelId)])
      .emit('booth:state', state);
    return state;
  }

  /** The booth's interpreters with a connection in its room (one entry per person, by name). */
  private async online(booth: BoothRow): Promise<Person[]> {
    const room = ROOMS.booth(booth.panelId, booth.language);
    let sockets: { data: { user: Person | null } }[];
    try {
      sockets = await this.live.namespace.in(room).fetchSockets();
    } catch (err) {
      // Another instance did not answer in time: this instance's own sockets are better than nothing.
      this.log.warn({ err, room }, 'fetchSockets failed; online from this instance only');
      sockets = await this.live.namespace.local.in(room).fetchSockets();
    }
    const seen = new Map<string, Person>();
    for (const { data } of sockets) {
      const user = data.user;
      if (user && booth.interpreters.some((i) => i.id === user.id)) {
        seen.set(user.id, { id: user.id, name: user.name });
      }
    }
    return [...seen.values()].sort(byName);
  }
}
