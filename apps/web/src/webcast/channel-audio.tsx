import { AudioTrack, useConnectionState, useTracks } from '@livekit/components-react';
import { ConnectionState, RemoteTrackPublication, Track } from 'livekit-client';
import { useEffect } from 'react';
import { volumeFor } from './channels';

const AUDIO = [Track.Source.Microphone, Track.Source.ScreenShareAudio];
const VIDEO = [Track.Source.Camera, Track.Source.ScreenShare];

/**
 * What this listener receives of the room, which is joined with `autoSubscribe: false`: every camera and
 * screen, and only the audio of the chosen channel (the floor, or one language's interpreter with the floor
 * underneath), each at its volume. Tracks of other channels are not subscribed, so they cost no bandwidth
 * and cannot be heard. (RoomAudioRenderer would play every subscribed microphone: not usable here.)
 */
export function ChannelAudio({ channel }: { channel: string }) {
  const audio = useTracks(AUDIO, { onlySubscribed: false });
  const video = useTracks(VIDEO, { onlySubscribed: false });

  useEffect(() => {
    for (const ref of [...audio, ...video]) {
      if (!(ref.publication instanceof RemoteTrackPublication)) continue;
      const wanted =
        ref.publication.kind === Track.Kind.Video || volumeFor(ref.participant.attributes, channel) !== null;
      if (ref.publication.isDesired !== wanted) ref.publication.setSubscribed(wanted);
    }
  }, [audio, video, channel]);

  return (
    <>
      {audio.map((ref) => {
        const volume = volumeFor(ref.participant.attributes, channel);
        if (volume === null || ref.participant.isLocal || !ref.publication.isSubscribed) return null;
        return <AudioTrack key={ref.publication.trackSid} trackRef={ref} volume={volume} />;
      })}
    </>
  );
}

/**
 * Tells which languages are on air now, as the room shows it (an interpreter publishing a microphone: the
 * server lets only the live one publish), once connected; the token answer's `channels` said it only for
 * the moment it was issued.
 */
export function LiveLanguages({ onChange }: { onChange: (languages: string[]) => void }) {
  const connected = useConnectionState() === ConnectionState.Connected;
  const microphones = useTracks([Track.Source.Microphone], { onlySubscribed: false });
  const languages = [
    ...new Set(
      microphones
        .filter((ref) => ref.participant.attributes.role === 'interpreter' && !ref.publication.isMuted)
        .map((ref) => ref.participant.attributes.language),
    ),
  ]
    .sort()
    .join(',');
  useEffect(() => {
    if (connected) onChange(languages ? languages.split(',') : []);
  }, [connected, languages, onChange]);
  return null;
}
