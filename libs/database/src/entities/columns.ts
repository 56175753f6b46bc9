import { ValueTransformer } from 'typeorm';

/** bigint and numeric come back from pg as strings; these columns hold values well inside 2^53. */
export const numberTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** A SQL `IN (...)` check for an enum-like varchar column. */
export function oneOf(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;
}
