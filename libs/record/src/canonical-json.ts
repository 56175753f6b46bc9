import { canonicalize } from 'json-canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: keys sorted by UTF-16 code unit at every level, no whitespace, numbers in
 * their shortest ECMAScript form. Hashes and signatures of the record are taken over these bytes (UTF-8).
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}
