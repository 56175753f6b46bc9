import type { Chapter, RecordingView } from '@rostrum/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlobUrl } from '../api/http-client';
import { mediaPaths } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { formatDuration } from '../ui/format';
import { mediaWorkerActive } from './media-worker';

/**
 * A recording with its chapter list; choosing a chapter seeks the video. Published recordings stream from the
 * public routes; staff ones from the protected routes, through the media worker (which adds the token, keeping
 * range requests), or as a whole blob when no worker is available.
 */
export function RecordingPlayer({ recording, asPublic }: { recording: RecordingView; asPublic: boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const paths = mediaPaths(recording.id, asPublic);
  const [src, setSrc] = useState<string | null>(asPublic || mediaWorkerActive() ? paths.video : null);
  const [error, setError] = useState<unknown>(null);
  const [duration, setDuration] = useState<number | null>(null);
  const [time, setTime] = useState(0);
  const triedBlob = useRef(false);

  // Without the media worker, a protected video is fetched whole with the token (fine for short recordings).
  useEffect(() => {
    if (src) return;
    let url: string | null = null;
    fetchBlobUrl(paths.video)
      .then((u) => setSrc((url = u)))
      .catch(setError);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [src, paths.video]);

  const onVideoError = () => {
    if (asPublic || triedBlob.current) {
      setError({ code: 'MEDIA_ERROR' });
      return;
    }
    triedBlob.current = true;
    setSrc(null); // the worker was not there after all: fall back to the blob
  };

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
        src={src ?? undefined}
        poster={asPublic || mediaWorkerActive() ? paths.poster : undefined}
        aria-label={recording.title}
        data-testid="recording-video"
        data-duration={duration ?? ''}
        onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onError={onVideoError}
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
