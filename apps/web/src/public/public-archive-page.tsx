import type { RecordingView } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { mediaPaths, rest } from '../api/rest';
import { RecordingPlayer } from '../archive/recording-player';
import { TranscriptSearch } from '../archive/transcript-search';
import { useLocalized } from '../i18n/localized';
import { ErrorText } from '../ui/error-message';
import { formatDuration } from '../ui/format';
import { useZonesByEvent, ZonedDateTime } from '../ui/zoned-time';
import { usePageTitle } from '../ui/page-title';
import { useLoad } from '../ui/use-load';

/** The public archive: published recordings; choosing one plays it with its chapters. */
export function PublicArchivePage() {
  const { t } = useTranslation();
  const zoneFor = useZonesByEvent();
  usePageTitle(t('archive.publicTitle'));
  const [params, setParams] = useSearchParams();
  const loaded = useLoad(() => rest.publicRecordings(), []);
  const titleOf = useRecordingTitle();
  const recordings = { ...loaded, data: loaded.data?.map((r) => ({ ...r, title: titleOf(r) })) };
  const playing = recordings.data?.find((r) => r.id === params.get('play'));
  const startAt = Number(params.get('t')) || undefined;

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('archive.publicTitle')}</h1>
        <p className="lead">{t('archive.publicLead')}</p>
      </header>
      <ErrorText error={recordings.error} />
      <TranscriptSearch
        asPublic
        onPlay={(hit) => setParams({ play: hit.recordingId, t: String(hit.startSeconds) })}
      />
      {playing ? (
        <section className="card" aria-labelledby="playing-title">
          <h2 id="playing-title">{playing.title}</h2>
          <RecordingPlayer
            key={`${playing.id}-${startAt ?? 0}`}
            recording={playing}
            asPublic
            startAt={startAt}
          />
        </section>
      ) : null}
      {recordings.data && recordings.data.length === 0 ? (
        <p className="card empty-state">{t('archive.publicEmpty')}</p>
      ) : null}
      <ul className="recording-grid">
        {(recordings.data ?? []).map((r) => (
          <li key={r.id} className="card recording-card" data-testid="public-recording">
            <img
              className="recording-card__poster"
              src={mediaPaths(r.id, true).poster}
              alt=""
              loading="lazy"
            />
            <h2 className="recording-card__title">{r.title}</h2>
            <p className="muted">
              {r.startedAt ? <ZonedDateTime iso={r.startedAt} zone={zoneFor(r.eventId)} /> : null}
              {r.durationSeconds !== null ? ` · ${formatDuration(r.durationSeconds)}` : null}
            </p>
            <button type="button" className="btn btn--primary" onClick={() => setParams({ play: r.id })}>
              {t('archive.play')}
              <span className="visually-hidden"> — {r.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A recording keeps its panel's title unless staff renamed it: such a title is shown in the visitor's
 * language from the panel's translations; a title staff typed stays as typed.
 */
function useRecordingTitle() {
  const localize = useLocalized();
  const programme = useLoad(() => rest.publicEvents(), []);
  const panels = new Map((programme.data ?? []).flatMap((e) => e.panels).map((p) => [p.id, p]));
  return (recording: RecordingView) => {
    const panel = panels.get(recording.panelId);
    return panel && panel.title === recording.title ? localize(panel).title : recording.title;
  };
}
