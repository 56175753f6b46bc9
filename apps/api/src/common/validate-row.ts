import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ImportError } from './csv-import';

/**
 * Validates one CSV row with the same DTO as the JSON route, so a row is refused for exactly the reasons
 * the single-item route would refuse it; each failing field becomes one report error on the row's line.
 */
export function validateRow<T extends object>(
  dto: ClassConstructor<T>,
  plain: Record<string, unknown>,
  line: number,
  fieldNames: Partial<Record<string, string>> = {},
): { value: T; errors: ImportError[] } {
  const value = plainToInstance(dto, plain);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true }).map((e) => ({
    row: line,
    field: fieldNames[e.property] ?? e.property,
    message: Object.values(e.constraints ?? {})[0] ?? `${e.property} is not valid`,
  }));
  return { value, errors };
}
