import type { TranscriptSearchHit } from '@rostrum/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { formatDuration } from '../ui/format';
import { speakerLabel } from './transcript-panel';

/** `highlight` marks matches with <b>…</b>; shown as <mark> without ever parsing the text as HTML. */
function highlighted(text: string): ReactNode[] {
  return text
    .split(/(<b>.*?<\/b>)/g)
    .map((part, i) => (part.startsWith('<b>') ? <mark key={i}>{part.slice(3, -4)}</mark> : part));
}

/** A search box over what was said in the archive; choosing a hit plays its recording from that moment. */
export function TranscriptSearch({
  asPublic,
  onPlay,
}: {
  asPublic: boolean;
  onPlay: (hit: TranscriptSearchHit) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [hits, setHits] = useState<TranscriptSearchHit[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const words = q.trim();
    if (!words) return;
    setBusy(true);
    try {
      setHits(await rest.searchTranscripts(words, asPublic));
      setSearched(words);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card transcript-search">
      <form
        role="search"
        aria-label={t('transcripts.searchLabel')}
        className="transcript-search__form"
        onSubmit={submit}
      >
        <label htmlFor="transcript-search-q">{t('transcripts.searchLabel')}</label>
        <div className="transcript-search__row">
          <input
            id="transcript-search-q"
            type="search"
            value={q}
            maxLength={200}
            placeholder={t('transcripts.searchPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
          />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('transcripts.searchButton')}
          </button>
        </div>
      </form>
      <ErrorText error={error} />
      {searched !== null && hits.length === 0 ? (
        <p className="muted" role="status">
          {t('transcripts.searchNone', { q: searched })}
        </p>
      ) : null}
      {hits.length > 0 ? (
        <ol className="transcript-search__hits" aria-label={t('transcripts.searchResults')}>
          {hits.map((hit, i) => (
            <li key={`${hit.recordingId}-${hit.startSeconds}-${i}`} data-testid="search-hit">
              <button type="button" className="transcript-search__hit" onClick={() => onPlay(hit)}>
                <span className="transcript-search__title">{hit.title}</span>
                <span className="transcript-search__meta muted">
                  {t('transcripts.playFrom', { time: formatDuration(Math.floor(hit.startSeconds)) })}
                  {hit.speaker ? ` · ${speakerLabel(hit.speaker)}` : ''}
                </span>
                <span className="transcript-search__text">{highlighted(hit.highlight)}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
