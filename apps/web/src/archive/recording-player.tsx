import { primaryLanguage, type Chapter, type RecordingView } from '@rostrum/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaPaths } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { formatDuration } from '../ui/format';
import { AudioTrackMenu, hasChannels, hlsMasterPath, useHlsAudio } from './audio-tracks';
import { TranscriptPanel } from './transcript-panel';

/**
 * A recording with its chapter list; choosing a chapter seeks the video. Published recordings stream from the
 * public routes; staff ones from the protected routes, signed in by the session cookie the browser sends with
 * the video's own (range) requests.
 */
export function RecordingPlayer({
  recording,
  asPublic,
  startAt,
}: {
  recording: RecordingView;
  asPublic: boolean;
  /** Play from here once the video is loaded (a search hit's moment). */
  startAt?: number;
}) {
  const { t, i18n } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const paths = mediaPaths(recording.id, asPublic);
  const language = primaryLanguage(i18n.language);
  const { track, titles } = useChapterTitles(language);
  const [error, setError] = useState<unknown>(null);
  const [duration, setDuration] = useState<number | null>(null);
  const [time, setTime] = useState(0);
  const [captionsOn, setCaptionsOn] = useState(false);
  // With interpretation channels the HLS package plays, for its language menu; otherwise the MP4.
  const hlsSrc = hasChannels(recording) ? hlsMasterPath(recording.id, asPublic) : null;
  const audio = useHlsAudio(video, hlsSrc);
  // The floor's channel: English first (the default engine's model), else the first transcript made.
  const transcript =
    recording.transcripts.find((tr) => tr.language === 'en' && tr.status === 'ready') ??
    recording.transcripts.find((tr) => tr.status === 'ready') ??
    recording.transcripts[0];
  const captions = transcript?.status === 'ready' ? transcript : undefined;

  const seekTo = (seconds: number) => {
    const el = video.current;
    if (!el) return;
    el.currentTime = seconds;
    void el.play().catch(() => undefined); // autoplay may be refused; the seek stands
  };
  const seek = (chapter: Chapter) => seekTo(chapter.startSeconds);

  const toggleCaptions = () => {
    const track = Array.from(video.current?.textTracks ?? []).find((tr) => tr.kind === 'captions');
    const on = !captionsOn;
    if (track) track.mode = on ? 'showing' : 'hidden';
    setCaptionsOn(on);
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
        src={hlsSrc ? undefined : paths.video}
        poster={paths.poster}
        aria-label={recording.title}
        data-testid="recording-video"
        data-duration={duration ?? ''}
        onLoadedMetadata={(e) => {
          setDuration(e.currentTarget.duration);
          if (startAt) seekTo(startAt);
        }}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onError={(e) => e.target === e.currentTarget && setError({ code: 'MEDIA_ERROR' })}
      >
        {captions ? (
          <track
            kind="captions"
            src={paths.captions(captions.language)}
            srcLang={captions.language}
            label={t('transcripts.captionsLabel')}
          />
        ) : null}
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
      {audio ? <AudioTrackMenu audio={audio} audioTracks={recording.audioTracks} /> : null}
      {captions ? (
        <div className="player__tools">
          <button
            type="button"
            className="btn btn--small"
            aria-pressed={captionsOn}
            aria-label={captionsOn ? t('transcripts.captionsOn') : t('transcripts.captionsOff')}
            onClick={toggleCaptions}
            data-testid="captions-toggle"
          >
            {t('transcripts.captions')}
          </button>
        </div>
      ) : null}
      <p className="player__duration muted" data-testid="player-duration">
        {duration !== null && Number.isFinite(duration)
          ? t('archive.durationLoaded', { duration: formatDuration(duration) })
          : t('archive.loadingVideo')}
      </p>
      <ErrorText error={error} />
      <div className="player__side">
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
        {transcript ? (
          <TranscriptPanel
            recordingId={recording.id}
            transcript={transcript}
            asPublic={asPublic}
            time={time}
            onSeek={seekTo}
          />
        ) : null}
      </div>
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
