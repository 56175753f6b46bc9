import { isOriginAllowed } from '../live/origin-policy';

/**
 * Whether a cookie-authenticated write may proceed (cross-site request forgery): browsers send `Origin` on
 * every POST, PUT, PATCH and DELETE, so a missing one is refused too. Allowed: the API's own origin and those
 * listed in CORS_ORIGINS — never every site, even when CORS_ORIGINS is `*`.
 */
export function isTrustedWriteOrigin(
  origin: string | undefined,
  host: string | undefined,
  corsOrigins: readonly string[],
): boolean {
  if (!origin) return false;
  return isOriginAllowed(
    origin,
    host,
    corsOrigins.filter((o) => o !== '*'),
  );
}
