import type { AudioTrackView } from '@rostrum/contracts';
import type Hls from 'hls.js';
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** The archive's HLS package (staff route by id, or the public one), when the recording has channels. */
export const hlsMasterPath = (id: string, asPublic: boolean) =>
  `${asPublic ? '/api/public' : '/api'}/recordings/${id}/hls/master.m3u8`;

/** Only a recording with interpretation channels has an HLS package; others play their MP4. */
export const hasChannels = (recording: { audioTracks: AudioTrackView[] }) => recording.audioTracks.length > 1;

export interface HlsAudio {
  /** hls.js's audio tracks, in the master playlist's order (the floor first). */
  tracks: { name: string; lang: string | undefined }[];
  current: number;
  choose: (index: number) => void;
}

/**
 * Plays `src` (an HLS master) in `video` with hls.js, and gives its alternate audio renditions and a way to
 * switch between them. Null `src`: nothing is attached (the element plays its own `src`).
 */
export function useHlsAudio(video: RefObject<HTMLVideoElement | null>, src: string | null): HlsAudio | null {
  const [hls, setHls] = useState<Hls | null>(null);
  const [tracks, setTracks] = useState<HlsAudio['tracks']>([]);
  const [current, setCurrent] = useState(0);

  useEffect(() => {
    const el = video.current;
    if (!el || !src) return;
    let instance: Hls | null = null;
    let cancelled = false;
    void import('hls.js').then(({ default: HlsJs }) => {
      if (cancelled) return;
      if (!HlsJs.isSupported()) {
        el.src = src; // Safari plays HLS itself, with its own audio menu
        return;
      }
      instance = new HlsJs();
      instance.on(HlsJs.Events.AUDIO_TRACKS_UPDATED, (_e, data) => {
        setTracks(data.audioTracks.map((t) => ({ name: t.name, lang: t.lang })));
      });
      instance.on(HlsJs.Events.AUDIO_TRACK_SWITCHED, (_e, data) => setCurrent(data.id));
      instance.loadSource(src);
      instance.attachMedia(el);
      setHls(instance);
    });
    return () => {
      cancelled = true;
      instance?.destroy();
      setHls(null);
      setTracks([]);
    };
  }, [video, src]);

  if (!src || !hls) return null;
  return {
    tracks,
    current,
    choose: (index) => {
      hls.audioTrack = index;
    },
  };
}

/** The language menu of a recording's audio tracks: the floor (original sound) and each interpretation. */
export function AudioTrackMenu({ audio, audioTracks }: { audio: HlsAudio; audioTracks: AudioTrackView[] }) {
  const { t } = useTranslation();
  if (audio.tracks.length < 2) return null;
  return (
    <label className="player__audio">
      <span>{t('egress.audioLanguage')}</span>{' '}
      <select
        value={audio.current}
        onChange={(e) => audio.choose(Number(e.target.value))}
        data-testid="audio-language"
      >
        {audio.tracks.map((track, i) => (
          <option key={i} value={i} lang={track.lang}>
            {i === 0 || audioTracks[i]?.language === 'floor' ? t('egress.floorTrack') : track.name}
          </option>
        ))}
      </select>
    </label>
  );
}
