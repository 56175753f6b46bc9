import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useRememberedChannel } from './channels';
import { hlsChannels, hlsListening, resyncTarget, type HlsStream } from './hls-channels';
import { LanguageMenu, useLanguageName } from './language-menu';

/** How often the language's audio is checked against the video (and moved when over a second apart). */
const SYNC_EVERY_MS = 1000;

/**
 * The large-audience stream: native HLS where the browser has it (Safari), hls.js elsewhere. With the event's
 * languages (`streams`), the viewer's remembered language plays as its own audio-only stream on an <audio> beside
 * the floor's video, whose sound stays softly underneath.
 */
export default function HlsPlayer({
  src,
  title,
  streams = [],
}: {
  src: string;
  title: string;
  streams?: readonly HlsStream[];
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const video = useRef<HTMLVideoElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const channels = hlsChannels(streams);
  const [channel, setChannel] = useRememberedChannel(channels);
  const { floorVolume, languageUrl } = hlsListening(channel, streams);
  const floor = useHlsSource(video, src);
  const language = useHlsSource(audio, languageUrl);

  useEffect(() => {
    // A language that cannot play leaves the floor at full volume.
    if (video.current) video.current.volume = language.failed ? 1 : floorVolume;
  }, [floorVolume, language.failed]);
  useLanguageInStep(video, audio, languageUrl, floor.behind, language.behind);

  return (
    <>
      {channels.length > 1 ? (
        <LanguageMenu channels={channels} value={channel} onChange={setChannel} />
      ) : null}
      <video ref={video} className="webcast__video" controls autoPlay muted playsInline aria-label={title} />
      {languageUrl ? (
        <audio
          ref={audio}
          key={languageUrl}
          autoPlay
          muted
          data-testid="hls-language-audio"
          aria-label={t('hlsLanguages.audio', { language: languageName(channel) })}
        />
      ) : null}
      {floor.failed ? (
        <p className="notice notice--warning" role="alert">
          {t('webcast.hlsFailed')}
        </p>
      ) : null}
      {languageUrl && language.failed ? (
        <p className="notice notice--warning" role="alert">
          {t('hlsLanguages.failed', { language: languageName(channel) })}
        </p>
      ) : null}
    </>
  );
}

/** Plays `src` on the element (hls.js, or the browser's own HLS); `behind`: seconds behind the live edge. */
function useHlsSource(media: RefObject<HTMLMediaElement | null>, src: string | null) {
  const [failed, setFailed] = useState(false);
  const latency = useRef<() => number | null>(() => null);

  useEffect(() => {
    const el = media.current;
    setFailed(false);
    if (!el || !src) return;
    let destroy: (() => void) | undefined;
    let cancelled = false;
    // hls.js wherever MediaSource is there: its live edge is known, so the language's audio can be kept in step.
    // Browsers without it (older iPhones) play HLS themselves.
    void import('hls.js').then(({ default: Hls }) => {
      if (cancelled) return;
      if (!Hls.isSupported()) {
        if (!el.canPlayType('application/vnd.apple.mpegurl')) return setFailed(true);
        el.src = src;
        latency.current = () =>
          el.seekable.length ? el.seekable.end(el.seekable.length - 1) - el.currentTime : null;
        return;
      }
      const hls = new Hls({ lowLatencyMode: true });
      hls.on(Hls.Events.ERROR, (_event, data) => data.fatal && setFailed(true));
      hls.loadSource(src);
      hls.attachMedia(el);
      latency.current = () => (Number.isFinite(hls.latency) && hls.latency > 0 ? hls.latency : null);
      destroy = () => hls.destroy();
    });
    return () => {
      cancelled = true;
      latency.current = () => null;
      destroy?.();
    };
  }, [media, src]);

  return { failed, behind: latency };
}

/**
 * Keeps the language's audio with the floor's video: muted, paused and playing together, and within a second of
 * each other (both measured from their own live edge, as the two streams' clocks differ).
 */
function useLanguageInStep(
  video: RefObject<HTMLVideoElement | null>,
  audio: RefObject<HTMLAudioElement | null>,
  languageUrl: string | null,
  videoBehind: RefObject<() => number | null>,
  audioBehind: RefObject<() => number | null>,
) {
  useEffect(() => {
    const v = video.current;
    const a = audio.current;
    if (!v || !a || !languageUrl) return;
    const follow = () => {
      a.muted = v.muted;
      if (v.paused) a.pause();
      else if (a.paused) void a.play().catch(() => undefined); // refused until the viewer interacts
    };
    const sync = () => {
      follow();
      const [vb, ab] = [videoBehind.current(), audioBehind.current()];
      if (vb === null || ab === null || v.paused) return;
      const target = resyncTarget(a.currentTime, ab, vb);
      if (target !== null) a.currentTime = target;
    };
    const events = ['play', 'pause', 'volumechange'] as const;
    follow();
    events.forEach((e) => v.addEventListener(e, follow));
    const timer = window.setInterval(sync, SYNC_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      events.forEach((e) => v.removeEventListener(e, follow));
    };
  }, [video, audio, languageUrl, videoBehind, audioBehind]);
}
