import { Injectable } from '@nestjs/common';
import { LivePublisher } from '../live/live-publisher';

/** A request that came among the first `onDeck` waiting ones, and whose delegate is to be told. */
export interface CameOnDeck {
  interventionId: string;
  /** 1-based place in the waiting queue. */
  position: number;
  delegateId: string;
}

/**
 * `floor:ondeck`: after a committed change, each delegate whose request came on deck is told once on each
 * of their sockets (their user room; the Redis adapter reaches the sockets on every instance, each once).
 */
@Injectable()
export class OnDeckNotifier {
  constructor(private readonly publisher: LivePublisher) {}

  notify(panelId: string, came: readonly CameOnDeck[]): void {
    for (const { interventionId, position, delegateId } of came) {
      this.publisher.toUser(delegateId).emit('floor:ondeck', { panelId, interventionId, position });
    }
  }
}
