import type { WebcastChannel } from '@rostrum/contracts';
import { FLOOR, FLOOR_UNDER_VOLUME } from './channels';

/** One HLS stream of a live panel (`webcast.hls` of the public panel): the floor's, or a language's audio. */
export interface HlsStream {
  language: string;
  url: string;
}

/** What a viewer of the HLS streams hears for a channel: the floor's video at some volume, and a language's audio. */
export interface HlsListening {
  floorVolume: number;
  /** The language's audio-only stream, played beside the floor's video; null on the floor. */
  languageUrl: string | null;
}

/** Beyond this many seconds apart, the language's audio is moved back in step with the floor's video. */
export const MAX_DRIFT_SECONDS = 1;

/** The menu's channels: every stream is offered (the HLS streams do not say whether an interpreter is on air). */
export function hlsChannels(streams: readonly HlsStream[]): WebcastChannel[] {
  return streams.map((s) => ({ language: s.language, live: true }));
}

/** The floor alone at full volume, or the language's stream with the floor softly under it. */
export function hlsListening(channel: string, streams: readonly HlsStream[]): HlsListening {
  const stream = channel === FLOOR ? undefined : streams.find((s) => s.language === channel);
  return stream
    ? { floorVolume: FLOOR_UNDER_VOLUME, languageUrl: stream.url }
    : { floorVolume: 1, languageUrl: null };
}

/**
 * Where the language's audio should jump to stay in step with the video, or null when close enough. Both streams
 * are live: each is compared by how far behind its own live edge it plays (`*Behind`, seconds).
 */
export function resyncTarget(audioTime: number, audioBehind: number, videoBehind: number): number | null {
  const drift = audioBehind - videoBehind;
  return Math.abs(drift) > MAX_DRIFT_SECONDS ? audioTime + drift : null;
}
