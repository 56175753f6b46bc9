import { parse } from 'csv-parse/sync';
import type { ImportReport } from '@rostrum/contracts';
import { AppError, validationFailed } from './app-error';

/** CONTRACT.md, "Bulk invitations": at most this many rows per file (the body parser refuses over 2 MB: 413). */
export const CSV_MAX_ROWS = 5000;
export const CSV_MAX_BYTES = 2 * 1024 * 1024;

export type ImportError = ImportReport['errors'][number];

/** One data row: its line in the file (the header is line 1) and its cells by header name. */
export interface CsvRow<K extends string> {
  line: number;
  cells: Record<K, string>;
}

export interface ParsedCsv<K extends string> {
  rows: CsvRow<K>[];
  errors: ImportError[];
}

/**
 * Reads an uploaded CSV as spreadsheets export it: UTF-8 with or without a byte-order mark, separated by
 * commas or semicolons (whichever the header line uses), cells trimmed, blank lines ignored. The header
 * must name exactly `columns`, in any order and case. Errors come back as report rows, never thrown, so
 * a dry run can list every one of them; a file that cannot be read at all is one error on its line.
 */
export function parseCsv<K extends string>(body: unknown, columns: readonly K[]): ParsedCsv<K> {
  if (typeof body !== 'string') throw validationFailed('Send the file as text/csv (UTF-8)');
  const text = body.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      errors: [
        { row: line, field: 'file', message: `Cannot read the CSV: ${String((err as Error).message)}` },
      ],
    };
  }
  const [header, ...data] = records;
  const names = (header?.record ?? []).map((h) => h.trim().toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(columns as readonly string[]).includes(n));
  if (!header || missing.length || unknown.length || names.length !== columns.length) {
    const message = `The first line must name the columns ${columns.join(delimiter)}`;
    return { rows: [], errors: [{ row: 1, field: 'header', message }] };
  }
  if (data.length > CSV_MAX_ROWS) {
    const message = `A file holds at most ${CSV_MAX_ROWS} rows; this one has ${data.length}`;
    return { rows: [], errors: [{ row: data[CSV_MAX_ROWS].info.lines, field: 'file', message }] };
  }
  const rows: CsvRow<K>[] = [];
  const errors: ImportError[] = [];
  for (const { record, info } of data) {
    if (record.length !== names.length) {
      const message = `Expected ${names.length} cells, found ${record.length}`;
      errors.push({ row: info.lines, field: 'row', message });
      continue;
    }
    const cells = Object.fromEntries(names.map((n, i) => [n, record[i].normalize('NFC')])) as Record<
      K,
      string
    >;
    rows.push({ line: info.lines, cells });
  }
  return { rows, errors };
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** `?dryRun=` and `?send=`: only "true" and "false" (absent: false). */
export function booleanFlag(name: string, value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw validationFailed(`${name} must be true or false`);
}

/** Lines refused before they became rows (wrong number of cells) still count as rows of the file. */
export const countRowErrors = (errors: ImportError[]) =>
  new Set(errors.filter((e) => e.field === 'row').map((e) => e.row)).size;

/**
 * Thrown inside an import's transaction so that nothing is written: 400 VALIDATION_FAILED whose body also
 * carries the report; a dry run catches it and answers the report with 200.
 */
export class ImportFailed extends AppError {
  constructor(readonly report: ImportReport) {
    super(
      'VALIDATION_FAILED',
      `${report.errors.length} error(s) in the file; nothing was imported`,
      report as unknown as Record<string, unknown>,
    );
  }
}

/** Runs an import; a dry run answers the report even when rows are bad (nothing was written either way). */
export async function runImport(dryRun: boolean, work: () => Promise<ImportReport>): Promise<ImportReport> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ImportFailed && dryRun) return err.report;
    throw err;
  }
}
