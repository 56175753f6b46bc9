import type { WebcastChannel } from '@rostrum/contracts';
import { useCallback, useState } from 'react';

/** The floor's original sound; any other channel is a booth's language. */
export const FLOOR = 'floor';
/** The floor under an interpretation: audible, well below the interpreter (about 15 %, CONTRACT.md). */
export const FLOOR_UNDER_VOLUME = 0.15;
const STORAGE_KEY = 'rostrum.listen.channel';

/**
 * How loud one remote participant's audio is for a listener of `channel`, or null: not subscribed at all.
 * Interpreters are heard only on their own language's channel; everyone else is the floor — at full volume
 * on the floor channel, under the interpretation otherwise.
 */
export function volumeFor(attributes: Readonly<Record<string, string>>, channel: string): number | null {
  if (attributes.role === 'interpreter') {
    return channel !== FLOOR && attributes.language === channel ? 1 : null;
  }
  return channel === FLOOR ? 1 : FLOOR_UNDER_VOLUME;
}

/** The remembered channel if the panel offers it, else the floor. */
export function pickChannel(remembered: string | null, channels: readonly WebcastChannel[]): string {
  return remembered && channels.some((c) => c.language === remembered) ? remembered : FLOOR;
}

function readRemembered(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage refused (privacy settings): the floor, every time
  }
}

/** The visitor's channel, remembered in this browser (localStorage) across pages and panels. */
export function useRememberedChannel(
  channels: readonly WebcastChannel[],
): [string, (channel: string) => void] {
  const [remembered, setRemembered] = useState<string | null>(readRemembered);
  const choose = useCallback((channel: string) => {
    setRemembered(channel);
    try {
      localStorage.setItem(STORAGE_KEY, channel);
    } catch {
      // not remembered, still chosen
    }
  }, []);
  return [pickChannel(remembered, channels), choose];
}
