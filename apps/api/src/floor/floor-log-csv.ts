import { stringify } from 'csv-stringify/sync';
import type { FloorLogEntryView } from '@rostrum/contracts';
import { neutraliseFormula } from '../qa/qa-csv';

export const FLOOR_LOG_CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'actorRole',
  'action',
  'interventionId',
  'questionId',
  'detail',
  'hash',
] as const;

/** The floor log as CSV (UTF-8 with BOM, CRLF, formulas neutralised, as the Q&A CSV); `detail` as JSON. */
export function floorLogCsv(entries: FloorLogEntryView[]): string {
  return stringify(
    entries.map((e) => [
      String(e.seq),
      e.at,
      e.actor ? neutraliseFormula(e.actor.name) : '',
      e.actor?.role ?? '',
      e.action,
      e.interventionId ?? '',
      e.questionId ?? '',
      e.detail ? neutraliseFormula(JSON.stringify(e.detail)) : '',
      e.hash,
    ]),
    { header: true, columns: [...FLOOR_LOG_CSV_COLUMNS], bom: true, record_delimiter: 'windows' },
  );
}
