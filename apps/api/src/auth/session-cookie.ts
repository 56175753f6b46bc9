import { parse } from 'cookie';
import type { Request, Response } from 'express';

/** The web session: the access token in an HttpOnly cookie, out of reach of the page's scripts. */
export const SESSION_COOKIE = 'rostrum_session';

/** Where a request's access token came from: the Origin check applies to cookie-only writes. */
export interface Credentials {
  token: string | undefined;
  via: 'bearer' | 'cookie' | null;
}

/** The bearer header wins over the cookie (scripts send the header; browsers send the cookie by themselves). */
export function readCredentials(headers: { authorization?: string; cookie?: string }): Credentials {
  const [scheme, bearer] = (headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() === 'bearer') return { token: bearer, via: 'bearer' };
  const token = headers.cookie ? parse(headers.cookie)[SESSION_COOKIE] : undefined;
  return token ? { token, via: 'cookie' } : { token: undefined, via: null };
}

/** `Secure` when the request came over HTTPS, as express reads it (through `trust proxy` behind a proxy). */
export function setSessionCookie(req: Request, res: Response, token: string, ttlSeconds: number): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: ttlSeconds * 1000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

/** A socket handshake: `auth.token` (socket.io clients), else the bearer header, else the session cookie. */
export function readHandshakeCredentials(handshake: {
  auth?: Record<string, unknown>;
  headers: { authorization?: string; cookie?: string };
}): Credentials {
  const given = handshake.auth?.token;
  if (given !== undefined && given !== null && given !== '') {
    return { token: typeof given === 'string' ? given : 'not-a-token', via: 'bearer' };
  }
  return readCredentials(handshake.headers);
}

const cookieOptions = (req: Request) =>
  ({ httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' }) as const;
