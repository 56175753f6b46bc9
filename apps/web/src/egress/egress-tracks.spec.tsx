import {
  audioToPlay,
  modeOf,
  subscriptionChanges,
  videoToShow,
  type EgressParticipant,
  type EgressPublication,
} from './egress-tracks';

/** A fake room: participants with attributes and their publications, as LiveKit's Room holds them. */
function participant(
  identity: string,
  attributes: Record<string, string>,
  pubs: Partial<EgressPublication>[],
): EgressParticipant {
  const map = new Map<string, EgressPublication>();
  for (const [i, p] of pubs.entries()) {
    const pub = { trackSid: `${identity}-${i}`, kind: 'audio', source: 'microphone', isMuted: false, ...p };
    map.set(pub.trackSid, pub);
  }
  return { identity, attributes, trackPublications: map };
}

const moderator = participant('mod', {}, [{ kind: 'audio' }, { kind: 'video', source: 'camera' }]);
const delegate = participant('del', {}, [{ kind: 'audio' }, { kind: 'audio', source: 'screen_share_audio' }]);
const frInterpreterA = participant('fr-a', { role: 'interpreter', language: 'fr' }, [{ kind: 'audio' }]);
const frInterpreterB = participant('fr-b', { role: 'interpreter', language: 'fr' }, []);
const zhInterpreter = participant('zh', { role: 'interpreter', language: 'zh' }, [
  { kind: 'audio' },
  { kind: 'video', source: 'camera' },
]);
const room = [moderator, delegate, frInterpreterA, frInterpreterB, zhInterpreter];

describe('egress track choice', () => {
  it('should read the layout: lang:<code> is a channel, anything else the floor', () => {
    expect(modeOf('lang:fr')).toEqual({ kind: 'language', language: 'fr' });
    expect(modeOf(' LANG:ZH ')).toEqual({ kind: 'language', language: 'zh' });
    expect(modeOf('speaker')).toEqual({ kind: 'floor' });
    expect(modeOf('')).toEqual({ kind: 'floor' });
    expect(modeOf('lang:')).toEqual({ kind: 'floor' });
  });

  it('should mix every floor sound and never an interpreter in floor mode', () => {
    expect(audioToPlay({ kind: 'floor' }, room)).toEqual(['mod-0', 'del-0', 'del-1']);
  });

  it('should show the floor’s cameras but never an interpreter’s, and no picture in a channel', () => {
    expect(videoToShow({ kind: 'floor' }, room)).toEqual(['mod-1']);
    expect(videoToShow({ kind: 'language', language: 'zh' }, room)).toEqual([]);
  });

  it('should play only the interpreter of that language who publishes audio', () => {
    expect(audioToPlay({ kind: 'language', language: 'fr' }, room)).toEqual(['fr-a-0']);
    expect(audioToPlay({ kind: 'language', language: 'zh' }, room)).toEqual(['zh-0']);
    expect(audioToPlay({ kind: 'language', language: 'es' }, room)).toEqual([]);
  });

  it('should follow a handover without anything but the room changing', () => {
    // fr-a loses the right to publish (its track goes away), fr-b takes the booth and publishes.
    const after = [
      moderator,
      participant('fr-a', { role: 'interpreter', language: 'fr' }, []),
      participant('fr-b', { role: 'interpreter', language: 'fr' }, [{ kind: 'audio' }]),
    ];
    expect(audioToPlay({ kind: 'language', language: 'fr' }, after)).toEqual(['fr-b-0']);
    expect(subscriptionChanges(['fr-a-0'], ['fr-b-0'])).toEqual({
      subscribe: ['fr-b-0'],
      unsubscribe: ['fr-a-0'],
    });
  });

  it('should leave a muted microphone out (silence, not a stale track)', () => {
    const muted = participant('fr-a', { role: 'interpreter', language: 'fr' }, [{ isMuted: true }]);
    expect(audioToPlay({ kind: 'language', language: 'fr' }, [muted])).toEqual([]);
  });

  it('should change nothing when the subscriptions are already right', () => {
    expect(subscriptionChanges(['a', 'b'], ['b', 'a'])).toEqual({ subscribe: [], unsubscribe: [] });
  });
});
