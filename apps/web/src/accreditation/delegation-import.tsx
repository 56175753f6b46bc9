import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accreditation, type ImportReport } from '../api/accreditation';
import { ErrorText } from '../ui/error-message';
import { useAction } from '../ui/use-action';
import { CsvFileField, ImportReportView, reportIn } from './import-page';

export const DELEGATION_IMPORT_HEADER = 'name,kind,code,region';

/** Staff: delegations from a CSV file (`name,kind,code,region`): checked first, existing codes updated. */
export function DelegationImport({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<{ report: ImportReport; imported: boolean } | null>(null);
  const { busy, error, setError, run } = useAction();

  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const answer = await run(() => accreditation.importDelegations(file, { dryRun: true }));
    if (answer) setReport({ report: answer, imported: false });
  };
  const importNow = async () => {
    if (!file) return;
    const answer = await run(() => accreditation.importDelegations(file, { dryRun: false }));
    if (!answer) return;
    setReport({ report: answer, imported: true });
    onImported();
  };
  const refused = reportIn(error);
  const shown = refused ?? report?.report;

  return (
    <details className="card create-card">
      <summary>
        <h2>{t('delegationImport.title')}</h2>
      </summary>
      <form className="form" onSubmit={check} aria-busy={busy} data-testid="delegation-import-form">
        <p>{t('delegationImport.lead')}</p>
        <p className="code-line">
          <code>{DELEGATION_IMPORT_HEADER}</code>
        </p>
        <CsvFileField
          onChoose={(chosen) => {
            setFile(chosen);
            setReport(null);
            setError(null);
          }}
        />
        {!refused ? <ErrorText error={error} /> : null}
        <button type="submit" className="btn btn--primary" disabled={busy || !file}>
          {t('importWizard.check')}
        </button>
      </form>
      {shown ? (
        <ImportReportView
          wording="delegationImport"
          report={shown}
          imported={!refused && !!report?.imported}
          busy={busy}
          onImport={!refused && report && !report.imported ? importNow : undefined}
          doneLink={
            shown.updated !== undefined ? t('delegationImport.updated', { count: shown.updated }) : null
          }
        />
      ) : null}
    </details>
  );
}
