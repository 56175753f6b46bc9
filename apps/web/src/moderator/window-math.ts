import type { InteractionWindow, PanelSnapshot } from '@rostrum/contracts';

/**
 * The interaction window `nowMs` (local time + the server offset) from the snapshot's figures at its
 * `serverTime`: while the panel is live the window runs down, and so does a running speaker's share of what
 * the queue needs (never below zero: overtime is not counted back in). Between changes nothing is sent, so
 * the console counts down by itself.
 */
export function windowAt(snapshot: PanelSnapshot, nowMs: number): InteractionWindow | null {
  const window = snapshot.window;
  if (!window) return null;
  if (snapshot.status !== 'live') return window;
  const elapsed = Math.max(0, (nowMs - Date.parse(snapshot.serverTime)) / 1000);
  const remaining = Math.max(0, window.remainingSeconds - elapsed);
  const clock = snapshot.clock;
  const speakerRunning = !!clock && !clock.pausedAt;
  const speakerLeft = clock ? Math.max(0, clock.remainingSeconds) : 0;
  const queued = window.queuedSeconds - (speakerRunning ? Math.min(elapsed, speakerLeft) : 0);
  return {
    remainingSeconds: Math.round(remaining),
    queuedSeconds: Math.round(queued),
    overrunSeconds: Math.max(0, Math.round(queued - remaining)),
  };
}
