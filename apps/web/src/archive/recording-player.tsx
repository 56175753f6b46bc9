import { primaryLanguage, type Chapter, type RecordingView } from '@rostrum/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaPaths } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { formatDuration } from '../ui/format';

/**
 * A recording with its chapter list; choosing a chapter seeks the video. Published recordings stream from the
 * public routes; staff ones from the protected routes, signed in by the session cookie the browser sends with
 * the video's own (range) requests.
 */
export function RecordingPlayer({ recording, asPublic }: { recording: RecordingView; asPublic: boolean }) {
  const { t, i18n } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const paths = mediaPaths(recording.id, asPublic);
  const language = primaryLanguage(i18n.language);
  const { track, titles } = useChapterTitles(language);
  const [error, setError] = useState<unknown>(null);
  const [duration, setDuration] = useState<number | null>(null);
  const [time, setTime] = useState(0);

  const seek = (chapter: Chapter) => {
    const el = video.current;
    if (!el) return;
    el.currentTime = chapter.startSeconds;
    void el.play().catch(() => undefined); // autoplay may be refused; the seek stands
  };

  const current = recording.chapters.findIndex((c) => time >= c.startSeconds && time < c.endSeconds);

  return (
    <div className="player">
      <video
        ref={video}
        className="player__video"
        controls
        preload="metadata"
        playsInline
        src={paths.video}
        poster={paths.poster}
        aria-label={recording.title}
        data-testid="recording-video"
        data-duration={duration ?? ''}
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onError={() => setError({ code: 'MEDIA_ERROR' })}
      >
        {/* Archived titles are English; other languages come from chapters.vtt?lang=, parsed by the browser. */}
        {language !== 'en' && recording.chapters.length > 0 ? (
          <track
            key={language}
            ref={track}
            kind="chapters"
            src={`${paths.chapters}?lang=${language}`}
            srcLang={language}
            default
          />
        ) : null}
      </video>
      <p className="player__duration muted" data-testid="player-duration">
        {duration !== null && Number.isFinite(duration)
          ? t('archive.durationLoaded', { duration: formatDuration(duration) })
          : t('archive.loadingVideo')}
      </p>
      <ErrorText error={error} />
      {recording.chapters.length > 0 ? (
        <nav className="chapters" aria-label={t('archive.chapters')}>
          <h3>{t('archive.chapters')}</h3>
          <ol>
            {recording.chapters.map((chapter, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={`chapter${i === current ? ' chapter--current' : ''}`}
                  aria-current={i === current ? 'true' : undefined}
                  onClick={() => seek(chapter)}
                  data-testid="chapter"
                >
                  <span className="chapter__time">{formatDuration(Math.floor(chapter.startSeconds))}</span>
                  <span className="chapter__title">
                    {titles?.length === recording.chapters.length ? titles[i] : chapter.title}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
      ) : (
        <p className="muted">{t('archive.noChapters')}</p>
      )}
    </div>
  );
}

/** The cues' texts of the chapters track once the browser has loaded and parsed it (null until then). */
function useChapterTitles(language: string) {
  const track = useRef<HTMLTrackElement>(null);
  const [titles, setTitles] = useState<string[] | null>(null);
  useEffect(() => {
    setTitles(null);
    const el = track.current;
    if (!el) return;
    el.track.mode = 'hidden'; // load the cues without the browser showing them
    const loaded = () =>
      setTitles(Array.from(el.track.cues ?? [], (cue) => (cue as VTTCue).getCueAsHTML().textContent ?? ''));
    el.addEventListener('load', loaded);
    if (el.readyState === HTMLTrackElement.LOADED) loaded();
    return () => el.removeEventListener('load', loaded);
  }, [language]);
  return { track, titles };
}
