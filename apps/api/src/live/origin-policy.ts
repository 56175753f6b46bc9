/**
 * Whether a websocket handshake may proceed, checked before socket.io accepts it (CORS headers alone do not
 * stop a page on another site from opening a websocket). Clients that send no Origin — servers, scripts,
 * Node clients — are not browsers acting for a user, and are let through to the token check.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (!origin) return true;
  const given = originOf(origin);
  if (!given) return false;
  if (allowedOrigins.includes('*')) return true;
  if (allowedOrigins.some((allowed) => originOf(allowed) === given)) return true;
  // Same origin: the page was served by this very host (the API serves the web app).
  return host !== undefined && new URL(given).host === host.toLowerCase();
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
