import type { RecordingView } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { mediaPaths, rest } from '../api/rest';
import { RecordingPlayer } from '../archive/recording-player';
import { useAuth } from '../auth/auth-context';
import { ErrorText } from '../ui/error-message';
import { formatBytes, formatDuration } from '../ui/format';
import { useZonesByEvent, ZonedDateTime } from '../ui/zoned-time';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { RecordingStatusBadge } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';
import { useRecordingEvents } from './use-recording-events';

/** Staff: one recording — play with chapters, retitle, publish, reprocess, download. */
export function RecordingPage() {
  const { recordingId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const zoneFor = useZonesByEvent();
  const { session } = useAuth();
  const recording = useLoad(() => rest.recording(recordingId), [recordingId]);
  const { busy, error, run } = useAction();
  const r = recording.data;
  usePageTitle(r?.title ?? t('archive.staffTitle'));

  useRecordingEvents(session, (next) => next.id === recordingId && recording.setData(next));

  const update = async (change: () => Promise<RecordingView>) => {
    const updated = await run(change);
    if (updated) recording.setData(updated);
  };

  if (!r) {
    return (
      <section className="page">
        <ErrorText error={recording.error} />
        {recording.loading ? <p className="loading">{t('common.loading')}</p> : null}
      </section>
    );
  }

  return (
    <section className="page page--medium">
      <p>
        <Link to="/staff/archive">← {t('archive.staffTitle')}</Link>
      </p>
      <header className="page__header page__header--row">
        <h1>{r.title}</h1>
        <RecordingStatusBadge status={r.status} />
      </header>
      {r.error ? (
        <p className="notice notice--error" role="alert">
          {r.error}
        </p>
      ) : null}
      <ErrorText error={error} />
      {r.status === 'ready' ? (
        <section className="card">
          <RecordingPlayer key={r.id} recording={r} asPublic={false} />
        </section>
      ) : (
        <p className="card empty-state">{t(`archive.notPlayable.${r.status}`)}</p>
      )}
      <div className="two-col">
        <section className="card" aria-labelledby="recording-manage">
          <h2 id="recording-manage">{t('archive.manage')}</h2>
          <RetitleForm
            key={r.title}
            title={r.title}
            busy={busy}
            onSave={(title) => update(() => rest.updateRecording(r.id, { title }))}
          />
          <div className="button-row">
            <button
              type="button"
              className="btn btn--primary"
              aria-pressed={r.published}
              disabled={busy || r.status !== 'ready'}
              onClick={() => update(() => rest.updateRecording(r.id, { published: !r.published }))}
              data-testid="publish-toggle"
            >
              {r.published ? t('archive.unpublish') : t('archive.publish')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={busy || r.status === 'recording' || r.status === 'processing'}
              onClick={() => update(() => rest.reprocessRecording(r.id))}
            >
              {t('archive.reprocess')}
            </button>
            {r.status === 'ready' ? <DownloadButton recording={r} /> : null}
          </div>
        </section>
        <section className="card" aria-labelledby="recording-details">
          <h2 id="recording-details">{t('archive.details')}</h2>
          <dl className="details">
            <dt>{t('archive.published')}</dt>
            <dd>{r.published ? t('common.yes') : t('common.no')}</dd>
            <dt>{t('archive.duration')}</dt>
            <dd>{r.durationSeconds !== null ? formatDuration(r.durationSeconds) : '—'}</dd>
            <dt>{t('archive.size')}</dt>
            <dd>{formatBytes(r.sizeBytes, i18n.language)}</dd>
            <dt>{t('archive.dimensions')}</dt>
            <dd>{r.width && r.height ? `${r.width} × ${r.height}` : '—'}</dd>
            <dt>{t('archive.recordedAt')}</dt>
            <dd>{r.startedAt ? <ZonedDateTime iso={r.startedAt} zone={zoneFor(r.eventId)} /> : '—'}</dd>
            <dt>SHA-256</dt>
            <dd className="mono wrap">{r.sha256 ?? '—'}</dd>
          </dl>
        </section>
      </div>
    </section>
  );
}

function RetitleForm({ title, busy, onSave }: { title: string; busy: boolean; onSave(title: string): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(title);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) onSave(value.trim());
  };
  return (
    <form className="inline" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="retitle">
        {t('archive.titleColumn')}
      </label>
      <input id="retitle" value={value} maxLength={300} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn" disabled={busy || value.trim() === title}>
        {t('archive.retitle')}
      </button>
    </form>
  );
}

/** A plain link: the browser sends the session cookie with it, and streams the file to disk. */
function DownloadButton({ recording }: { recording: RecordingView }) {
  const { t } = useTranslation();
  const path = mediaPaths(recording.id, false).video;
  const filename = `${recording.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || recording.id}.mp4`;
  return (
    <a className="btn" href={path} download={filename}>
      {t('archive.download')}
    </a>
  );
}
