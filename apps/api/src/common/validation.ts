import { ArgumentMetadata, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { validationFailed } from './app-error';

/** One readable sentence from class-validator's tree, e.g. "startsAt must be an ISO 8601 date; name should not be empty". */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string {
  return errors
    .flatMap((e) => {
      const path = parent ? `${parent}.${e.property}` : e.property;
      const own = Object.values(e.constraints ?? {}).map((m) =>
        m.startsWith('property ')
          ? m.replace(/^property (\S+) should not exist$/, `${path} is not allowed`)
          : m,
      );
      const nested = e.children?.length ? [describeValidationErrors(e.children, path)] : [];
      return [...own, ...nested];
    })
    .filter(Boolean)
    .join('; ');
}

/** Keys that reach an object's prototype: class-transformer drops `__proto__` and `constructor` silently. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * The path of the first own `__proto__`, `constructor` or `prototype` key anywhere in a parsed payload
 * (JSON.parse makes them own keys), or null. Iterative, so a deeply nested payload cannot overflow the stack.
 */
export function findPrototypeKey(value: unknown): string | null {
  // Each entry keeps its parent and key; the path string is built only for the key found.
  type Entry = { node: unknown; key: string; parent: Entry | null };
  const pending: Entry[] = [{ node: value, key: '', parent: null }];
  const seen = new Set<object>();
  while (pending.length) {
    const entry = pending.pop()!;
    // Only what a parser makes (plain objects and arrays); never a socket or a request, nor one twice.
    if (!isParsedData(entry.node) || seen.has(entry.node)) continue;
    seen.add(entry.node);
    for (const key of Object.keys(entry.node)) {
      const child: Entry = { node: (entry.node as Record<string, unknown>)[key], key, parent: entry };
      if (PROTOTYPE_KEYS.includes(key)) return pathOf(child);
      pending.push(child);
    }
  }
  return null;
}

function pathOf(entry: { key: string; parent: { key: string; parent: unknown } | null }): string {
  const keys: string[] = [];
  for (let e: typeof entry | null = entry; e?.parent; e = e.parent as typeof entry | null) keys.push(e.key);
  return keys.reverse().join('.');
}

function isParsedData(node: unknown): node is object {
  if (typeof node !== 'object' || node === null) return false;
  const proto: unknown = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/** The global pipe: refuses prototype keys (which would otherwise vanish unseen), then validates. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Every argument: REST bodies and queries, and socket payloads (whose metadata type is not 'body').
    const key = findPrototypeKey(value);
    if (key) throw validationFailed(`${key} is not allowed`);
    return super.transform(value, metadata);
  }
}

/** The same validation for REST bodies and socket payloads: unknown fields rejected, types transformed. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(describeValidationErrors(errors) || 'Invalid input'),
  });
}

/** `@Param('id', UuidPipe)`: a malformed id is 400 VALIDATION_FAILED, never a database error. */
export const UuidPipe = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => validationFailed('The id in the path must be a UUID'),
});
