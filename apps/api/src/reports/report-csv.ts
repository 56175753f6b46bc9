import { stringify } from 'csv-stringify/sync';
import type { DelegationSpeaking } from '@rostrum/contracts';
import { neutraliseFormula } from '../qa/qa-csv';

/** The per-delegation CSV's columns, in order (the header row): the report's `byDelegation` fields. */
export const REPORT_CSV_COLUMNS = [
  'delegationId',
  'code',
  'name',
  'region',
  'interventions',
  'spokenSeconds',
  'share',
] as const;

/** The report's per-delegation rows as CSV: UTF-8 with BOM, CRLF, formulas neutralised (as the Q&A CSV). */
export function reportCsv(rows: DelegationSpeaking[]): string {
  const text = (v: string | null) => (v === null ? '' : neutraliseFormula(v));
  return stringify(
    rows.map((r) => [
      r.delegationId ?? '',
      text(r.code),
      text(r.name),
      text(r.region),
      String(r.interventions),
      String(r.spokenSeconds),
      String(r.share),
    ]),
    { header: true, columns: [...REPORT_CSV_COLUMNS], bom: true, record_delimiter: 'windows' },
  );
}
