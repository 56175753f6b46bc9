import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { accreditation, type AccreditedEvent, type ImportReport } from '../api/accreditation';
import { ApiError } from '../api/http-client';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { EventPageHeader } from './participants-page';

/** The server's limit (CONTRACT.md, "Bulk invitations"): a larger file answers 413. */
const MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_HEADER = 'name,email,role,delegation_code,language,focal_point';

type Step =
  { at: 'choose' } | { at: 'checked'; report: ImportReport } | { at: 'imported'; report: ImportReport };

/**
 * Staff: bulk invitations from a CSV file (/staff/events/:eventId/import): choose the file → a dry run that
 * lists every bad row (row, field, message) → import, only once every row is good.
 */
export function ImportPage() {
  const { eventId = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('importWizard.title'));
  const event = useLoad<AccreditedEvent>(() => rest.event(eventId), [eventId]);
  const [file, setFile] = useState<File | null>(null);
  const [send, setSend] = useState(false);
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const { busy, error, setError, run } = useAction();

  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    if (file.size > MAX_BYTES) return setError({ code: 'PAYLOAD_TOO_LARGE', message: '' });
    const report = await run(() => accreditation.importInvitations(eventId, file, { dryRun: true, send }));
    if (report) setStep({ at: 'checked', report });
  };
  const importNow = async () => {
    if (!file) return;
    // A refusal carries a report too (e.g. the rows changed since the check): it is shown instead.
    const report = await run(() => accreditation.importInvitations(eventId, file, { dryRun: false, send }));
    if (report) setStep({ at: 'imported', report });
  };
  const refusedReport = reportIn(error);
  const shown = step.at === 'choose' ? refusedReport : (refusedReport ?? step.report);

  return (
    <section className="page page--medium">
      <EventPageHeader event={event.data} title={t('importWizard.title')} />
      <ErrorText error={event.error} />
      <ol className="steps" aria-label={t('importWizard.steps')}>
        {(['choose', 'checked', 'imported'] as const).map((s, i) => (
          <li
            key={s}
            className={step.at === s ? 'steps__on' : ''}
            aria-current={step.at === s ? 'step' : undefined}
          >
            {i + 1}. {t(`importWizard.step_${s}`)}
          </li>
        ))}
      </ol>

      <form className="card form" onSubmit={check} aria-busy={busy} data-testid="import-form">
        <p>{t('importWizard.lead')}</p>
        <p className="code-line">
          <code>{IMPORT_HEADER}</code>
        </p>
        <p className="muted">{t('importWizard.formatHint')}</p>
        <CsvFileField
          onChoose={(chosen) => {
            setFile(chosen);
            setStep({ at: 'choose' });
            setError(null);
          }}
        />
        <label className="check">
          <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} />
          {t('importWizard.send')}
        </label>
        {!refusedReport ? <ErrorText error={error} /> : null}
        <button type="submit" className="btn btn--primary" disabled={busy || !file}>
          {t('importWizard.check')}
        </button>
      </form>

      {shown ? (
        <ImportReportView
          report={shown}
          imported={step.at === 'imported' && !refusedReport}
          busy={busy}
          onImport={step.at === 'checked' && !refusedReport ? importNow : undefined}
          doneLink={
            <Link to={`/staff/events/${eventId}/participants`}>{t('accreditation.participantsLink')}</Link>
          }
        />
      ) : null}
    </section>
  );
}

/** A refused import (400) carries the same report as the dry run. */
export function reportIn(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const body = error.body as Partial<ImportReport>;
  return Array.isArray(body.errors) && typeof body.rows === 'number' ? (body as ImportReport) : null;
}

/** A CSV import's report: the figures, every bad row (line, column, problem), then import or done. */
export function ImportReportView({
  report,
  imported,
  busy,
  onImport,
  doneLink,
  wording = 'importWizard',
}: {
  /** Whose words for skipped rows and the result: people invited, or delegations left unchanged. */
  wording?: 'importWizard' | 'delegationImport';
  report: ImportReport;
  imported: boolean;
  busy: boolean;
  onImport?: () => void;
  /** Where to see what was imported. */
  doneLink?: ReactNode;
}) {
  const { t } = useTranslation();
  const bad = report.errors.length > 0;
  return (
    <section className="card" aria-labelledby="import-report" data-testid="import-report">
      <h2 id="import-report">{imported ? t('importWizard.doneTitle') : t('importWizard.reportTitle')}</h2>
      <dl className="figures">
        <div>
          <dt>{t('importWizard.rows')}</dt>
          <dd data-testid="report-rows">{report.rows}</dd>
        </div>
        <div>
          <dt>{t('importWizard.valid')}</dt>
          <dd data-testid="report-valid">{report.valid}</dd>
        </div>
        <div>
          <dt>{t(`${wording}.skipped`)}</dt>
          <dd data-testid="report-skipped">{report.skipped}</dd>
        </div>
        <div>
          <dt>{t('importWizard.created')}</dt>
          <dd data-testid="report-created">{report.created}</dd>
        </div>
      </dl>
      {bad ? (
        <>
          <p className="notice notice--error" role="alert">
            {t('importWizard.badRows', { count: report.errors.length })}
          </p>
          <div className="table-wrap">
            <table className="table" data-testid="import-errors">
              <caption className="visually-hidden">{t('importWizard.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('importWizard.row')}</th>
                  <th scope="col">{t('importWizard.field')}</th>
                  <th scope="col">{t('importWizard.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.row}-${e.field}-${i}`}>
                    <td>{e.row}</td>
                    <td>
                      <code>{e.field}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {imported ? (
        <p className="notice notice--success" role="status">
          {t(`${wording}.done`, { created: report.created, skipped: report.skipped })} {doneLink}
        </p>
      ) : null}
      {!bad && !imported ? (
        <>
          <p className="notice notice--success" role="status">
            {t(`${wording}.allGood`, { valid: report.valid, skipped: report.skipped })}
          </p>
          {onImport ? (
            <button type="button" className="btn btn--primary" disabled={busy} onClick={onImport}>
              {t('importWizard.import')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The CSV file input both import forms share; choosing a file starts a new report. */
export function CsvFileField({ onChoose }: { onChoose(file: File | null): void }) {
  const { t } = useTranslation();
  const fileId = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={fileId}>
        {t('importWizard.file')}
      </label>
      <input
        id={fileId}
        type="file"
        accept=".csv,text/csv"
        required
        onChange={(e) => onChoose(e.target.files?.[0] ?? null)}
      />
    </div>
  );
}
