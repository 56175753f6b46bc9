import { stringify } from 'csv-stringify/sync';
import type { QuestionRow } from './qa-queries';

/** The export's columns, in order (the header row). Times are ISO 8601 UTC; empty when not set. */
export const QUESTION_CSV_COLUMNS = [
  'id',
  'askedAt',
  'author',
  'delegation',
  'delegationCode',
  'addressedTo',
  'text',
  'status',
  'votes',
  'answer',
  'answeredBy',
  'approvedAt',
  'answeredAt',
] as const;

/**
 * A panel's questions as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted,
 * quotes doubled), with a UTF-8 byte-order mark so spreadsheet programs read names in any script.
 * Free-text cells are neutralised against formula injection (see `neutraliseFormula`).
 */
export function questionsCsv(rows: QuestionRow[]): string {
  const text = (v: string | null) => (v === null ? '' : neutraliseFormula(v));
  const time = (v: Date | null) => v?.toISOString() ?? '';
  return stringify(
    rows.map((r) => [
      r.id,
      time(r.createdAt),
      text(r.authorName),
      text(r.delegationName),
      text(r.delegationCode),
      text(r.addressedToName),
      text(r.text),
      r.status,
      String(r.votes),
      text(r.answer),
      text(r.answeredByName),
      time(r.approvedAt),
      time(r.answeredAt),
    ]),
    { header: true, columns: [...QUESTION_CSV_COLUMNS], bom: true, record_delimiter: 'windows' },
  );
}

/**
 * A cell a spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return (OWASP's list) — gets a leading apostrophe, so it is shown as the text it is. The apostrophe is
 * part of the exported value: a program reading the CSV back sees it.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
