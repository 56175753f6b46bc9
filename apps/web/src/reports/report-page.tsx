import type { SessionReport } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { rest } from '../api/rest';
import { isBadPanelLink, PanelNotFound } from '../panels/panel-access';
import { ErrorText } from '../ui/error-message';
import { usePageTitle } from '../ui/page-title';
import { zoneOf } from '../ui/time-zone';
import { useLoad } from '../ui/use-load';
import { useZoneOfEvent } from '../ui/zoned-time';
import { ReportView, type Download } from './report-view';

/** `/panels/:panelId/report`: for staff and the panel's moderators (the API answers 403 to anyone else). */
export function PanelReportPage() {
  const { panelId = '' } = useParams();
  const { t } = useTranslation();
  const loaded = useLoad(() => Promise.all([rest.panel(panelId), rest.panelReport(panelId)]), [panelId]);
  const [panel, report] = loaded.data ?? [];
  const zone = useZoneOfEvent(panel?.eventId ?? undefined);
  usePageTitle(panel ? t('reports.pageTitle', { title: panel.title }) : undefined);
  if (isBadPanelLink(loaded.error)) return <PanelNotFound />;
  if (!panel || !report) return <Loading error={loaded.error} />;
  const api = `/api/panels/${panelId}`;
  const downloads: Download[] = [
    { label: t('reports.floorLogCsv'), href: `${api}/floor-log.csv`, filename: 'floor-log.csv' },
    { label: t('reports.questionsCsv'), href: `${api}/questions.csv`, filename: 'questions.csv' },
    { label: t('reports.delegationsCsv'), href: `${api}/report?format=csv`, filename: 'speaking.csv' },
    { label: t('reports.recordJson'), href: `${api}/record`, filename: `record-${panelId}.json` },
  ];
  return (
    <ReportView
      eyebrow={t('reports.eyebrow')}
      title={panel.title}
      report={report}
      downloads={downloads}
      zone={zone}
    />
  );
}

/** `/staff/events/:eventId/report`: the event's panels together, with a link to each panel's report. */
export function EventReportPage() {
  const { eventId = '' } = useParams();
  const { t } = useTranslation();
  const loaded = useLoad(() => Promise.all([rest.event(eventId), rest.eventReport(eventId)]), [eventId]);
  const [event, report] = loaded.data ?? [];
  usePageTitle(event ? t('reports.pageTitle', { title: event.title }) : undefined);
  if (!event || !report) return <Loading error={loaded.error} />;
  const downloads: Download[] = [
    {
      label: t('reports.delegationsCsv'),
      href: `/api/events/${eventId}/report?format=csv`,
      filename: 'speaking.csv',
    },
  ];
  const panels = (
    <section className="card no-print" aria-labelledby="report-panels">
      <h2 id="report-panels">{t('reports.perPanel')}</h2>
      <ul className="report-downloads">
        {event.panels.map((p) => (
          <li key={p.id}>
            <Link className="btn btn--small btn--quiet" to={`/panels/${p.id}/report`}>
              {p.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <ReportView
      eyebrow={t('reports.eventEyebrow')}
      title={event.title}
      report={report as SessionReport}
      downloads={downloads}
      extra={panels}
      zone={zoneOf(event)}
    />
  );
}

function Loading({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      {error ? <ErrorText error={error} /> : <p className="loading">{t('common.loading')}</p>}
    </section>
  );
}
