/**
 * What the egress page plays, as pure functions over the room's participants (LiveKit's `Room` fits these
 * shapes; the tests use plain objects). The floor mix never carries an interpreter; a language channel
 * carries whichever interpreter of that language publishes audio now, so a handover needs no new egress.
 */

/** The attributes an interpreter's token carries (set by the API; the client cannot change them). */
export const INTERPRETER_ROLE = 'interpreter';
const LANG_LAYOUT = /^lang:([a-z]{2,3})$/;

export type EgressMode = { kind: 'floor' } | { kind: 'language'; language: string };

/** A track publication as far as the choice needs it. */
export interface EgressPublication {
  trackSid: string;
  kind: string; // 'audio' | 'video'
  source: string; // 'microphone' | 'camera' | 'screen_share' | 'screen_share_audio' | …
  isMuted: boolean;
}

export interface EgressParticipant {
  identity: string;
  attributes: Readonly<Record<string, string>>;
  trackPublications: ReadonlyMap<string, EgressPublication>;
}

/** The egress `layout`: `lang:<code>` is a language channel; anything else (`speaker`, '') the floor. */
export function modeOf(layout: string): EgressMode {
  const lang = LANG_LAYOUT.exec(layout.trim().toLowerCase());
  return lang ? { kind: 'language', language: lang[1] } : { kind: 'floor' };
}

export const isInterpreter = (p: EgressParticipant) => p.attributes.role === INTERPRETER_ROLE;

function publications(p: EgressParticipant): EgressPublication[] {
  return [...p.trackPublications.values()];
}

/** The audio the recording must hear, by track sid: the floor's, or the live interpreter of one language. */
export function audioToPlay(mode: EgressMode, participants: Iterable<EgressParticipant>): string[] {
  const sids: string[] = [];
  for (const p of participants) {
    const wanted =
      mode.kind === 'floor' ? !isInterpreter(p) : isInterpreter(p) && p.attributes.language === mode.language;
    if (!wanted) continue;
    for (const pub of publications(p)) {
      if (pub.kind === 'audio' && !pub.isMuted) sids.push(pub.trackSid);
    }
  }
  return sids;
}

/** The video the floor's picture shows (cameras and screens of everyone but interpreters); none in a channel. */
export function videoToShow(mode: EgressMode, participants: Iterable<EgressParticipant>): string[] {
  if (mode.kind !== 'floor') return [];
  const sids: string[] = [];
  for (const p of participants) {
    if (isInterpreter(p)) continue;
    for (const pub of publications(p)) {
      if (pub.kind === 'video' && !pub.isMuted) sids.push(pub.trackSid);
    }
  }
  return sids;
}

/**
 * Which subscriptions to change so that exactly `wanted` is subscribed: the egress connects with
 * autoSubscribe off, so nothing else (an interpreter's microphone in the floor mix) ever reaches it.
 */
export function subscriptionChanges(
  subscribed: Iterable<string>,
  wanted: Iterable<string>,
): { subscribe: string[]; unsubscribe: string[] } {
  const have = new Set(subscribed);
  const want = new Set(wanted);
  return {
    subscribe: [...want].filter((sid) => !have.has(sid)),
    unsubscribe: [...have].filter((sid) => !want.has(sid)),
  };
}
