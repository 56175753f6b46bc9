import type { Chapter, RecordingView } from '@rostrum/contracts';
import { useRef, useState } from 'react';
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
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const paths = mediaPaths(recording.id, asPublic);
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
      />
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
                  <span className="chapter__title">{chapter.title}</span>
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
