import type { InterventionView, PanelSettings, PanelSnapshot } from '@rostrum/contracts';
import { remainingSeconds } from '../clock/clock-math';

/** The time a request is allotted: its own, else the panel's setting for its kind. */
export function allottedFor(item: InterventionView, settings: PanelSettings | undefined): number | null {
  if (item.allottedSeconds !== null) return item.allottedSeconds;
  if (!settings) return null;
  if (item.kind === 'point_of_order') return settings.pointOfOrderSeconds;
  if (item.kind === 'right_of_reply') return settings.rightOfReplySeconds;
  return settings.speakingSeconds;
}

/**
 * A delegate's wait from the snapshot: the allotted times of those ahead plus what the speaker has left. The
 * server's estimate (in the floor:request answer) also corrects by the panel's median speech length; the page
 * keeps that correction as a ratio and applies it to this local figure as the queue moves.
 */
export function localWaitSeconds(
  snapshot: PanelSnapshot,
  interventionId: string,
  settings: PanelSettings | undefined,
  offsetMs: number,
  nowMs: number,
): number | null {
  const index = snapshot.queue.findIndex((i) => i.id === interventionId);
  if (index < 0) return null;
  const ahead = snapshot.queue.slice(0, index).reduce((sum, i) => sum + (allottedFor(i, settings) ?? 0), 0);
  const speaking = snapshot.clock ? Math.max(0, remainingSeconds(snapshot.clock, offsetMs, nowMs)) : 0;
  return ahead + speaking;
}
