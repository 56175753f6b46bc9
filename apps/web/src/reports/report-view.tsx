import type { SessionReport } from '@rostrum/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../ui/format';
import { formatZonedDateTime, visitorZone } from '../ui/time-zone';
import { AttendanceChart, ChartFigure, COLORS, percent, RankingBars, seconds } from './report-charts';
import './reports.css';

export interface Download {
  label: string;
  href: string;
  /** The file name the browser saves it under (the server's Content-Disposition wins where it sends one). */
  filename: string;
}

/**
 * A report as the page shows it: the summary (what a printout keeps on its first page), the downloads, and
 * a chart per figure. Printing gives the summary and the charts in the visitor's language, without the
 * site's header, buttons or downloads (see reports.css).
 */
export function ReportView({
  eyebrow,
  title,
  report,
  downloads,
  extra,
  zone,
}: {
  eyebrow: string;
  title: string;
  report: SessionReport;
  downloads: Download[];
  extra?: ReactNode;
  /** The event's time zone (null until known: the visitor's own). */
  zone: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const shownZone = zone ?? visitorZone();
  const formatDateTime = (iso: string) => formatZonedDateTime(iso, lang, shownZone);
  const { speaking, waits, questions, attendance } = report;
  const spoken = speaking.byDelegation.reduce((n, d) => n + d.spokenSeconds, 0);
  const interventions = speaking.byDelegation.reduce((n, d) => n + d.interventions, 0);
  const delegationName = (d: SessionReport['speaking']['byDelegation'][number]) => d.name ?? d.code ?? '—';
  const regionName = (region: string | null) => region ?? t('reports.noRegion');
  const kindName = (kind: string) => t(`kinds.${kind}`, { defaultValue: kind });
  const number = (n: number) => new Intl.NumberFormat(lang).format(n);

  return (
    <section className="page page--report" data-testid="report">
      <header className="page__header page__header--row">
        <div>
          <p className="eyebrow">{eyebrow}</p>
          <h1>{title}</h1>
          <p className="muted">
            {t('reports.generatedAt', { time: formatDateTime(new Date().toISOString()) })}
          </p>
        </div>
        <button type="button" className="btn btn--primary no-print" onClick={() => window.print()}>
          {t('reports.print')}
        </button>
      </header>

      <section className="card report-summary" aria-labelledby="report-summary" data-testid="report-summary">
        <h2 id="report-summary">{t('reports.summary')}</h2>
        <dl className="report-figures">
          <Figure label={t('reports.totalSpoken')} value={formatDuration(spoken)} testId="total-spoken" />
          <Figure label={t('reports.interventions')} value={number(interventions)} />
          <Figure label={t('reports.delegationsSpoke')} value={number(speaking.byDelegation.length)} />
          <Figure
            label={t('reports.firstTimeSpeakers')}
            value={number(speaking.firstTimeSpeakers)}
            hint={t('reports.firstTimeSpeakersHint')}
            testId="first-time-speakers"
          />
          <Figure label={t('reports.p50')} value={formatDuration(waits.p50Seconds)} />
          <Figure label={t('reports.max')} value={formatDuration(waits.maxSeconds)} />
          <Figure
            label={t('reports.peak')}
            value={number(attendance.peak.total)}
            hint={
              attendance.peak.at
                ? t('reports.peakAt', { time: formatDateTime(attendance.peak.at) })
                : undefined
            }
          />
          <Figure label={t('reports.uniqueDelegates')} value={number(attendance.uniqueDelegates)} />
          <Figure label={t('reports.uniqueDelegations')} value={number(attendance.uniqueDelegations)} />
          <Figure label={t('reports.asked')} value={number(questions.asked)} />
          <Figure label={t('reports.answered')} value={number(questions.answered)} />
        </dl>
      </section>

      <section className="card no-print" aria-labelledby="report-downloads">
        <h2 id="report-downloads">{t('reports.downloads')}</h2>
        <ul className="report-downloads">
          {downloads.map((d) => (
            <li key={d.href}>
              <a className="btn btn--small" href={d.href} download={d.filename}>
                {d.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
      {extra}

      <div className="report-grid">
        <ChartFigure
          id="by-delegation"
          title={t('reports.byDelegation')}
          valueHeader={[
            t('reports.region'),
            t('reports.interventions'),
            t('reports.time'),
            t('reports.share'),
          ]}
          rows={speaking.byDelegation.map((d) => ({
            label: delegationName(d),
            cells: [
              regionName(d.region),
              number(d.interventions),
              seconds(d.spokenSeconds),
              percent(d.share, lang),
            ],
          }))}
        >
          {speaking.byDelegation.length === 0 ? (
            <p className="empty">{t('reports.nobodySpoke')}</p>
          ) : (
            <RankingBars
              title={t('reports.byDelegation')}
              formatValue={seconds}
              rows={speaking.byDelegation.map((d) => ({
                label: d.code ?? delegationName(d),
                value: d.spokenSeconds,
                note: percent(d.share, lang),
              }))}
            />
          )}
        </ChartFigure>

        <ChartFigure
          id="by-region"
          title={t('reports.byRegion')}
          valueHeader={[t('reports.interventions'), t('reports.time'), t('reports.share')]}
          rows={speaking.byRegion.map((g) => ({
            label: regionName(g.region),
            cells: [number(g.interventions), seconds(g.spokenSeconds), percent(g.share, lang)],
          }))}
        >
          {speaking.byRegion.length === 0 ? (
            <p className="empty">{t('reports.nobodySpoke')}</p>
          ) : (
            <RankingBars
              title={t('reports.byRegion')}
              formatValue={seconds}
              color={COLORS.secondary}
              rows={speaking.byRegion.map((g) => ({
                label: regionName(g.region),
                value: g.spokenSeconds,
                note: percent(g.share, lang),
              }))}
            />
          )}
        </ChartFigure>

        <ChartFigure
          id="waits"
          title={t('reports.waits')}
          valueHeader={[t('reports.time')]}
          rows={[
            { label: t('reports.waitCount'), cells: [number(waits.count)] },
            { label: t('reports.p50'), cells: [seconds(waits.p50Seconds)] },
            { label: t('reports.p90'), cells: [seconds(waits.p90Seconds)] },
            { label: t('reports.max'), cells: [seconds(waits.maxSeconds)] },
          ]}
        >
          {waits.count === 0 ? (
            <p className="empty">{t('reports.noWaits')}</p>
          ) : (
            <RankingBars
              title={t('reports.waits')}
              formatValue={seconds}
              color={COLORS.public}
              rows={[
                { label: t('reports.p50'), value: waits.p50Seconds, note: seconds(waits.p50Seconds) },
                { label: t('reports.p90'), value: waits.p90Seconds, note: seconds(waits.p90Seconds) },
                { label: t('reports.max'), value: waits.maxSeconds, note: seconds(waits.maxSeconds) },
              ]}
            />
          )}
        </ChartFigure>

        <ChartFigure
          id="by-kind"
          title={t('reports.byKind')}
          valueHeader={[t('reports.interventions'), t('reports.time')]}
          rows={speaking.byKind.map((k) => ({
            label: kindName(k.kind),
            cells: [number(k.interventions), seconds(k.spokenSeconds)],
          }))}
        >
          {speaking.byKind.length === 0 ? (
            <p className="empty">{t('reports.nobodySpoke')}</p>
          ) : (
            <RankingBars
              title={t('reports.byKind')}
              color={COLORS.panelists}
              rows={speaking.byKind.map((k) => ({
                label: kindName(k.kind),
                value: k.interventions,
                note: number(k.interventions),
              }))}
            />
          )}
        </ChartFigure>

        <ChartFigure
          id="attendance"
          title={t('reports.attendance')}
          printTable={false}
          valueHeader={(['moderators', 'panelists', 'delegates', 'public'] as const).map((r) =>
            t(`reports.${r}`),
          )}
          rows={attendance.timeline.map((s) => ({
            label: formatDateTime(s.minute),
            cells: [s.moderators, s.panelists, s.delegates, s.public].map(number),
          }))}
        >
          {attendance.timeline.length === 0 ? (
            <p className="empty">{t('reports.noAttendance')}</p>
          ) : (
            <AttendanceChart timeline={attendance.timeline} zone={shownZone} />
          )}
        </ChartFigure>

        <ChartFigure
          id="questions"
          title={t('reports.questions')}
          valueHeader={[t('reports.count')]}
          rows={(['asked', 'approved', 'answered', 'dismissed'] as const).map((k) => ({
            label: t(`reports.${k}`),
            cells: [number(questions[k])],
          }))}
        >
          <RankingBars
            title={t('reports.questions')}
            color={COLORS.delegates}
            rows={(['asked', 'approved', 'answered', 'dismissed'] as const).map((k) => ({
              label: t(`reports.${k}`),
              value: questions[k],
              note: number(questions[k]),
            }))}
          />
        </ChartFigure>
      </div>
    </section>
  );
}

function Figure({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="report-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {value}
        {hint ? <span className="report-figure__hint">{hint}</span> : null}
      </dd>
    </div>
  );
}
