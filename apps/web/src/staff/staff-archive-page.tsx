import { RECORDING_STATUSES, type RecordingStatus } from '@rostrum/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rest, type RecordingFilter } from '../api/rest';
import { useAuth } from '../auth/auth-context';
import { ErrorText } from '../ui/error-message';
import { formatBytes, formatDuration } from '../ui/format';
import { useZonesByEvent, ZonedDateTime } from '../ui/zoned-time';
import { usePageTitle } from '../ui/page-title';
import { RecordingStatusBadge } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';
import { RecordingImportForm } from './recording-import-form';
import { useRecordingEvents } from './use-recording-events';

/** Staff: the archive of recordings — search and filter, status (live), open one to play and manage it. */
export function StaffArchivePage() {
  const { t, i18n } = useTranslation();
  const zoneFor = useZonesByEvent();
  usePageTitle(t('archive.staffTitle'));
  const { session } = useAuth();
  const events = useLoad(() => rest.events(), []);
  const [filter, setFilter] = useState<RecordingFilter>({});
  const [query, setQuery] = useState('');
  const recordings = useLoad(
    () => rest.recordings(filter),
    [filter.eventId, filter.panelId, filter.status, filter.q],
  );
  const panels = (events.data ?? [])
    .flatMap((e) => e.panels)
    .filter((p) => !filter.eventId || p.eventId === filter.eventId);
  const panelTitle = (id: string) =>
    panels.find((p) => p.id === id)?.title ??
    (events.data ?? []).flatMap((e) => e.panels).find((p) => p.id === id)?.title;

  useRecordingEvents(session, (recording) =>
    recordings.setData((list) => (list ?? []).map((r) => (r.id === recording.id ? recording : r))),
  );

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('archive.staffTitle')}</h1>
      </header>
      <RecordingImportForm
        panels={(events.data ?? []).flatMap((e) => e.panels)}
        onImported={(recording) => recordings.setData((list) => [recording, ...(list ?? [])])}
      />
      <form
        className="card filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter((f) => ({ ...f, q: query }));
        }}
      >
        <label className="field">
          <span className="field__label">{t('archive.event')}</span>
          <select
            value={filter.eventId ?? ''}
            onChange={(e) => setFilter((f) => ({ ...f, eventId: e.target.value, panelId: '' }))}
          >
            <option value="">{t('archive.all')}</option>
            {(events.data ?? []).map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('archive.panel')}</span>
          <select
            value={filter.panelId ?? ''}
            onChange={(e) => setFilter((f) => ({ ...f, panelId: e.target.value }))}
          >
            <option value="">{t('archive.all')}</option>
            {panels.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('archive.status')}</span>
          <select
            value={filter.status ?? ''}
            onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value as RecordingStatus | '' }))}
          >
            <option value="">{t('archive.all')}</option>
            {RECORDING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`recordingStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--grow">
          <span className="field__label">{t('common.search')}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit" className="btn btn--primary">
          {t('common.search')}
        </button>
      </form>
      <ErrorText error={recordings.error} />
      {recordings.data && recordings.data.length === 0 ? (
        <p className="card empty-state">{t('archive.staffEmpty')}</p>
      ) : null}
      {recordings.data && recordings.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="recording-table">
            <thead>
              <tr>
                <th scope="col">{t('archive.titleColumn')}</th>
                <th scope="col">{t('archive.panel')}</th>
                <th scope="col">{t('archive.status')}</th>
                <th scope="col">{t('archive.duration')}</th>
                <th scope="col">{t('archive.size')}</th>
                <th scope="col">{t('archive.published')}</th>
                <th scope="col">{t('archive.recordedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {recordings.data.map((r) => (
                <tr key={r.id} data-testid="recording-row">
                  <td>
                    <Link to={`/staff/archive/${r.id}`}>{r.title}</Link>
                    {r.error ? <p className="error-text">{r.error}</p> : null}
                  </td>
                  <td>{panelTitle(r.panelId) ?? '—'}</td>
                  <td>
                    <RecordingStatusBadge status={r.status} />
                  </td>
                  <td>{r.durationSeconds !== null ? formatDuration(r.durationSeconds) : '—'}</td>
                  <td>{formatBytes(r.sizeBytes, i18n.language)}</td>
                  <td>{r.published ? t('common.yes') : t('common.no')}</td>
                  <td>
                    <ZonedDateTime iso={r.startedAt ?? r.createdAt} zone={zoneFor(r.eventId)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
