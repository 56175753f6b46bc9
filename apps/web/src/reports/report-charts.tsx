import type { SessionReport } from '@rostrum/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDuration } from '../ui/format';
import { formatZonedTime } from '../ui/time-zone';

/** At most this many bars in a ranking chart; the table under it lists every row. */
const MAX_BARS = 15;
const ROW_PX = 34;
const COLORS = {
  primary: '#12355b',
  secondary: '#0b7a75',
  moderators: '#12355b',
  panelists: '#7a4fb5',
  delegates: '#0b7a75',
  public: '#c46b00',
};

export interface ChartRow {
  label: string;
  value: number;
  /** Shown at the end of the bar (e.g. "55 %"). */
  note?: string;
}

/**
 * One chart with its caption and, below it, its figures as a table (folded on screen, open in print): the
 * SVG names itself (title and description) and the table gives screen readers and printouts every number.
 */
export function ChartFigure({
  id,
  title,
  rows,
  valueHeader,
  printTable = true,
  children,
}: {
  id: string;
  title: string;
  rows: { label: string; cells: ReactNode[] }[];
  valueHeader: string[];
  /** Off for figures too long for paper (a day of attendance is 1,440 rows): the chart alone is printed. */
  printTable?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <figure className="card report-chart" aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`} className="report-chart__title">
        {title}
      </figcaption>
      {children}
      {/* On screen the figures fold away under the chart; a printout shows them (details cannot be opened by CSS). */}
      <details className="report-chart__table no-print">
        <summary>{t('reports.chartTable')}</summary>
        <FiguresTable title={title} valueHeader={valueHeader} rows={rows} />
      </details>
      {printTable ? (
        <div className="print-only">
          <FiguresTable title={title} valueHeader={valueHeader} rows={rows} />
        </div>
      ) : null}
    </figure>
  );
}

function FiguresTable({
  title,
  valueHeader,
  rows,
}: {
  title: string;
  valueHeader: string[];
  rows: { label: string; cells: ReactNode[] }[];
}) {
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th scope="col">{title}</th>
          {valueHeader.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.label}-${i}`}>
            <th scope="row">{r.label}</th>
            {r.cells.map((c, j) => (
              <td key={j}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars, longest first: time per delegation or group, counts per kind or state. */
export function RankingBars({
  rows,
  title,
  formatValue = String,
  color = COLORS.primary,
}: {
  rows: ChartRow[];
  title: string;
  formatValue?: (v: number) => string;
  color?: string;
}) {
  const shown = rows.slice(0, MAX_BARS);
  // As wide as the longest label needs (codes are short), at most 150 px so a phone keeps room for bars.
  const labelWidth = Math.min(150, Math.max(40, ...shown.map((r) => r.label.length * 7.5)));
  return (
    <div className="report-chart__plot" style={{ height: 40 + shown.length * ROW_PX }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={shown}
          layout="vertical"
          margin={{ top: 4, right: 72, bottom: 4, left: 4 }}
          title={title}
          desc={shown
            .map((r) => `${r.label}: ${formatValue(r.value)}${r.note ? ` (${r.note})` : ''}`)
            .join('; ')}
        >
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" tickFormatter={formatValue} allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={{ fontSize: 13 }} />
          <Tooltip formatter={(v) => formatValue(Number(v))} />
          <Bar dataKey="value" fill={color} isAnimationActive={false} name={title}>
            <LabelList
              dataKey="note"
              position="right"
              style={{ fill: '#14202e', fontSize: 13, fontWeight: 600 }}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Who followed the panel, minute by minute, stacked by role. */
export function AttendanceChart({
  timeline,
  zone,
}: {
  timeline: SessionReport['attendance']['timeline'];
  /** The event's time zone, which the minutes are shown in. */
  zone: string;
}) {
  const { t, i18n } = useTranslation();
  const roles = ['moderators', 'panelists', 'delegates', 'public'] as const;
  const data = timeline.map((s) => ({ ...s, label: formatZonedTime(s.minute, i18n.language, zone) }));
  const peak = Math.max(0, ...timeline.map((s) => s.moderators + s.panelists + s.delegates + s.public));
  return (
    <div className="report-chart__plot" style={{ height: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
          title={t('reports.attendance')}
          desc={`${t('reports.peak')}: ${peak}`}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" minTickGap={24} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip />
          <Legend />
          {roles.map((role) => (
            <Area
              key={role}
              type="stepAfter"
              dataKey={role}
              name={t(`reports.${role}`)}
              stackId="people"
              stroke={COLORS[role]}
              fill={COLORS[role]}
              fillOpacity={0.55}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

export const seconds = (v: number) => formatDuration(v);
export const percent = (share: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);
export { COLORS };
