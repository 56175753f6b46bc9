import { Injectable } from '@nestjs/common';
import { ROOMS } from '@rostrum/contracts';
import { AppEvents } from '../common/app-events';
import type { LiveNamespace } from './live-socket';

/**
 * The one way services talk to clients: typed emits into the /live rooms. Broadcasts go through the Redis
 * adapter, so they reach the clients of every API instance.
 */
@Injectable()
export class LivePublisher {
  private nsp: LiveNamespace | null = null;

  /** The gateway announces the namespace (`live:ready`) once socket.io is up. */
  constructor(events: AppEvents) {
    events.on('live:ready', 'publisher', (nsp) => {
      this.nsp = nsp;
    });
  }

  get namespace(): LiveNamespace {
    if (!this.nsp) throw new Error('The /live namespace is not initialised yet');
    return this.nsp;
  }

  /** Panels with at least one client joined on this instance. */
  localPanels(): string[] {
    const prefix = ROOMS.panel('');
    return [...this.namespace.adapter.rooms.keys()].flatMap((room) =>
      room.startsWith(prefix) && !room.includes(':', prefix.length) ? [room.slice(prefix.length)] : [],
    );
  }

  /** Everyone joined to the panel, public viewers included. */
  toPanel(panelId: string) {
    return this.namespace.to(ROOMS.panel(panelId));
  }

  /**
   * The panel's moderators, and everyone else joined to it (who get a public view); `localOnly`: on this
   * instance only, not through Redis.
   */
  toPanelSides(panelId: string, { localOnly = false } = {}) {
    const from = localOnly ? this.namespace.local : this.namespace;
    return {
      moderators: from.to(ROOMS.panelModerators(panelId)),
      audience: from.to(ROOMS.panel(panelId)).except(ROOMS.panelModerators(panelId)),
    };
  }

  /** The union of these rooms (a client in several gets the event once). */
  toRooms(rooms: string[]) {
    return this.namespace.to(rooms);
  }

  toUser(userId: string) {
    return this.namespace.to(ROOMS.user(userId));
  }

  toStaff() {
    return this.namespace.to(ROOMS.staff);
  }
}
