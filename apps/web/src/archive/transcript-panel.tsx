import type { RecordingTranscript, TranscriptSegment } from '@rostrum/contracts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { formatDuration } from '../ui/format';
import { useLoad } from '../ui/use-load';

/** Who said a line: "Kenya — Wanjiru Kamau", or the name alone. */
export const speakerLabel = (s: TranscriptSegment['speaker']) =>
  s ? (s.delegation ? `${s.delegation.name} — ${s.name}` : s.name) : '';

/**
 * The transcript beside the video: the line being said is marked and kept in view as the video plays;
 * choosing a line plays from it.
 */
export function TranscriptPanel({
  recordingId,
  transcript,
  asPublic,
  time,
  onSeek,
}: {
  recordingId: string;
  transcript: RecordingTranscript;
  asPublic: boolean;
  time: number;
  onSeek: (seconds: number) => void;
}) {
  const { t } = useTranslation();
  const ready = transcript.status === 'ready';
  const lines = useLoad(
    () => (ready ? rest.transcript(recordingId, transcript.language, asPublic) : Promise.resolve([])),
    [recordingId, transcript.language, ready, asPublic],
  );
  const list = useRef<HTMLOListElement>(null);
  const segments = lines.data ?? [];
  const current = segments.findIndex(
    (s, i) => time >= s.startSeconds && time < (segments[i + 1]?.startSeconds ?? s.endSeconds + 2),
  );

  // Keep the current line in view inside the list only (scrolling the page would fight the reader).
  useEffect(() => {
    const box = list.current;
    const item = box?.children[current] as HTMLElement | undefined;
    if (!box || !item) return;
    if (
      item.offsetTop < box.scrollTop ||
      item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight
    ) {
      box.scrollTop = item.offsetTop - box.clientHeight / 3;
    }
  }, [current]);

  return (
    <section className="transcript" aria-labelledby={`transcript-${recordingId}`}>
      <h3 id={`transcript-${recordingId}`}>{t('transcripts.transcript')}</h3>
      {!ready ? (
        <p className="muted" data-testid="transcript-status">
          {t(`transcripts.transcriptStatus.${transcript.status}`)}
        </p>
      ) : (
        <>
          <p className="muted transcript__note">{t('transcripts.machineMade')}</p>
          <ErrorText error={lines.error} />
          {lines.loading && !lines.data ? (
            <p className="loading">{t('transcripts.transcriptLoading')}</p>
          ) : null}
          {lines.data && segments.length === 0 ? (
            <p className="muted">{t('transcripts.transcriptEmpty')}</p>
          ) : null}
          <ol className="transcript__lines" ref={list}>
            {segments.map((s, i) => (
              <li key={`${s.startSeconds}-${i}`}>
                <button
                  type="button"
                  className={`transcript__line${i === current ? ' transcript__line--current' : ''}`}
                  aria-current={i === current ? 'true' : undefined}
                  onClick={() => onSeek(s.startSeconds)}
                  data-testid="transcript-line"
                >
                  <span className="transcript__time">{formatDuration(Math.floor(s.startSeconds))}</span>
                  {s.speaker &&
                  (i === 0 || speakerLabel(segments[i - 1].speaker) !== speakerLabel(s.speaker)) ? (
                    <span className="transcript__speaker">{speakerLabel(s.speaker)}</span>
                  ) : null}
                  <span className="transcript__text">{s.text}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
