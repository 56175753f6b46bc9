import { Injectable, Logger } from '@nestjs/common';
import type { PresenceCounts } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import type { LiveNamespace, PanelAudience } from '../live/live-socket';
import type { AfterCommit, PanelChange } from '../panels/change/panel-changes';

/** Who got and who lost the floor in one committed change (both set when one speech replaced another). */
export interface SpeakerChange {
  panelId: string;
  granted: { userId: string; interventionId: string } | null;
  revoked: { userId: string; interventionId: string } | null;
}
/** What the webcast made of a speaker change; the floor tells the moderator when it did not follow. */
export interface SpeakerChangeOutcome {
  webcastError: string | null;
}
export interface PanelJoinContext {
  panelId: string;
  audience: PanelAudience;
  user: AuthUser | null;
}

/**
 * Every event one part of the API announces and others take part in, with what a listener receives and
 * what it gives back. Nothing else keeps a list of listeners.
 */
export interface AppEventMap {
  /**
   * In a panel's start, end or settings change, inside its transaction and under its lock (emitted before
   * the panel's own record entry): take part in the change, and return what to do after commit.
   */
  'panel:changed': {
    payload: { change: PanelChange; what: 'start' | 'end' | 'settings' };
    result: AfterCommit[] | void;
  };
  /** After a committed change gave or took the floor (the floor waits up to 2 s for the outcome). */
  'floor:speaker': { payload: SpeakerChange; result: SpeakerChangeOutcome | void };
  /**
   * After a committed change of who is live in a booth (take, release): the webcast gives the microphone to
   * the live interpreter only (the booth waits up to 2 s for the outcome).
   */
  'booth:live': { payload: { panelId: string; language: string }; result: SpeakerChangeOutcome | void };
  /** A client joined a panel: each listener adds its part of the `panel:join` answer. */
  'panel:join': { payload: PanelJoinContext; result: object };
  /** Other ways of following a panel than the socket (the LiveKit room), counted in `panel:presence`. */
  'presence:count': { payload: string; result: PresenceCounts };
  /** The /live namespace is up. */
  'live:ready': { payload: LiveNamespace; result: void };
  /** The socket adapter's Redis subscriber is back after an outage: what other instances sent was missed. */
  'redis:resubscribed': { payload: undefined; result: void };
}
export type AppEvent = keyof AppEventMap;
type Listener<E extends AppEvent> = (
  payload: AppEventMap[E]['payload'],
) => AppEventMap[E]['result'] | Promise<AppEventMap[E]['result']>;

/**
 * The stated order: each event's listeners run in this order, whatever order Nest builds the modules in.
 * A participant not named here (a test's stand-in) runs after these, in the order it registered.
 */
export const LISTENER_ORDER: { [E in AppEvent]: readonly string[] } = {
  // The floor first: a panel's end ends the speech before the webcast closes the room.
  'panel:changed': ['floor', 'interpretation', 'webcast'],
  'floor:speaker': ['webcast'],
  'booth:live': ['webcast'],
  // Parts are merged in this order over `{ questions: [] }`.
  'panel:join': ['floor', 'qa', 'reports', 'interpretation'],
  'presence:count': ['webcast'],
  'live:ready': ['publisher'],
  // panel:state first (what clients see), then the sessions revoked meanwhile.
  'redis:resubscribed': ['floor', 'sessions'],
};

/**
 * The one typed event map. Three ways to emit, by what the emitter needs:
 * `emit` — in the stated order, one after another, a failure stops and propagates (in a transaction: it
 * rolls the change back); `gather` — all at once, results in the stated order, a failure propagates (parts
 * of one answer); `notify` — all at once (started in the stated order, the first synchronously), a failure
 * is logged and the others are not affected (news after the fact).
 */
@Injectable()
export class AppEvents {
  private readonly log = new Logger(AppEvents.name);
  private readonly listeners = new Map<AppEvent, { participant: string; listener: Listener<AppEvent> }[]>();

  on<E extends AppEvent>(event: E, participant: string, listener: Listener<E>): void {
    const list = this.listeners.get(event) ?? [];
    if (list.some((l) => l.participant === participant)) {
      throw new Error(`${participant} already listens to ${event}`);
    }
    list.push({ participant, listener: listener as unknown as Listener<AppEvent> });
    const order = LISTENER_ORDER[event];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    list.sort((a, b) => rank(a.participant) - rank(b.participant)); // stable: unnamed keep their order
    this.listeners.set(event, list);
  }

  async emit<E extends AppEvent>(
    event: E,
    payload: AppEventMap[E]['payload'],
  ): Promise<AppEventMap[E]['result'][]> {
    const results: AppEventMap[E]['result'][] = [];
    for (const { listener } of this.of(event)) results.push(await listener(payload));
    return results;
  }

  gather<E extends AppEvent>(
    event: E,
    payload: AppEventMap[E]['payload'],
  ): Promise<AppEventMap[E]['result'][]> {
    return Promise.all(this.of(event).map(({ listener }) => listener(payload)));
  }

  async notify<E extends AppEvent>(event: E, payload: AppEventMap[E]['payload']): Promise<void> {
    await Promise.all(
      this.of(event).map(async ({ participant, listener }) => {
        try {
          await listener(payload);
        } catch (err) {
          this.log.error({ err, event, participant }, 'event listener failed');
        }
      }),
    );
  }

  private of<E extends AppEvent>(event: E) {
    return [...(this.listeners.get(event) ?? [])] as unknown as {
      participant: string;
      listener: Listener<E>;
    }[];
  }
}
