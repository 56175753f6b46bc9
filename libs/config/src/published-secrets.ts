/**
 * Every secret value written anywhere in this repository (examples, tests, benchmarks, the LiveKit configs):
 * public knowledge, so production refuses to run with any of them as JWT_SECRET or LIVEKIT_API_SECRET.
 * `published-secrets.spec.ts` scans the repository and fails when a secret-looking value is missing here.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  'rostrum-development-secret-do-not-use-in-production',
  'rostrum-livekit-dev-secret-change-me-0123456789',
  'test-secret-0123456789-0123456789-abcdef',
  'unit-test-secret-unit-test-secret-123',
  'another-secret-another-secret-12345',
  'benchmark-secret-0123456789-0123456789-ab',
  'a-livekit-secret-of-at-least-32-characters',
  'a-livekit-secret-of-at-least-32-chars',
  'fake-livekit-secret-0123456789abcdefghij',
  'not-the-secret-0123456789-abcdefghijkl',
  'another-secret-0123456789-abcdefghijk',
]);

/** Variables whose values are never printed, in errors or logs (CONTRACT.md, "Production refuses…"). */
export const isSecretVariable = (name: string): boolean =>
  /(_SECRET|_PASSWORD|_KEY)$/.test(name) || name === 'SMTP_URL';

/** A URL as it may be printed: any password in it replaced by `***`. */
export function withoutPassword(value: string): string {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/\/\/([^:/@\s]+):[^@/\s]+@/, '//$1:***@');
  }
}
