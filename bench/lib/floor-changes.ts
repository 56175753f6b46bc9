import type { Socket } from 'socket.io-client';
import { PanelSnapshot } from '@rostrum/contracts';
import { command } from './clients';

/**
 * Something realistic to broadcast: the first of `delegates` speaking and the others waiting (each delegate
 * asks for the floor, then the moderator grants the head of the queue). Answers the moderator's snapshot.
 */
export async function speakerAndQueue(
  moderator: Socket,
  delegates: Socket[],
  panelId: string,
): Promise<PanelSnapshot> {
  for (const s of delegates) {
    await command(s, 'floor:request', { panelId, kind: 'statement', note: 'For the moderators.' });
  }
  return command<PanelSnapshot>(moderator, 'floor:next', { panelId });
}

/** The moderator's i-th change: extend, pause, resume and a reorder of the queue, in turn. */
export function moderatorChange(i: number, last: PanelSnapshot): [string, object] {
  const panelId = last.panelId;
  switch (i % 4) {
    case 0:
      return ['floor:extend', { panelId, seconds: 1 }];
    case 1:
      return ['floor:pause', { panelId }];
    case 2:
      return ['floor:resume', { panelId }];
    default:
      return ['queue:move', { panelId, interventionId: last.queue[last.queue.length - 1].id, toIndex: 0 }];
  }
}
