import { Injectable } from '@nestjs/common';
import { ROOMS } from '@rostrum/contracts';
import type { LiveNamespace } from './live-socket';

/**
 * The one way services talk to clients: typed emits into the /live rooms. Broadcasts go through the Redis
 * adapter, so they reach the clients of every API instance.
 */
@Injectable()
export class LivePublisher {
  private nsp: LiveNamespace | null = null;

  /** Called by the gateway once socket.io is up. */
  attach(nsp: LiveNamespace): void {
    this.nsp = nsp;
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

  /** The panel's moderators and its audience on this instance only (not through Redis). */
  toLocalPanel(panelId: string) {
    return {
      moderators: this.namespace.local.to(ROOMS.panelModerators(panelId)),
      audience: this.namespace.local.to(ROOMS.panel(panelId)).except(ROOMS.panelModerators(panelId)),
    };
  }

  /** Everyone joined to the panel, public viewers included. */
  toPanel(panelId: string) {
    return this.namespace.to(ROOMS.panel(panelId));
  }

  toPanelModerators(panelId: string) {
    return this.namespace.to(ROOMS.panelModerators(panelId));
  }

  /** Everyone joined to the panel except its moderators (who get a fuller view). */
  toPanelAudience(panelId: string) {
    return this.namespace.to(ROOMS.panel(panelId)).except(ROOMS.panelModerators(panelId));
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
