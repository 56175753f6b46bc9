import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@rostrum/config';

/** Pages a room's screens or a broadcast's overlay may frame (DISPLAY_FRAME_ANCESTORS); nothing else may be. */
export const FRAMEABLE_PATHS = ['/display/', '/overlay/'];

/**
 * The security headers of every response (CONTRACT.md, "Headers"), by helmet: nosniff, no referrer, no
 * framing, and a Content-Security-Policy that lets the page talk only to this API (HTTP and its socket) and
 * to LiveKit. Strict-Transport-Security only on a request that came over HTTPS (TRUST_PROXY decides
 * whether a proxy's X-Forwarded-Proto is believed), so a plain-HTTP development server never pins itself.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const everywhere = helmetFor(config, ["'none'"]);
  const ancestors = config.displayFrameAncestors;
  const frameable = ancestors.length ? helmetFor(config, ancestors) : everywhere;
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 3600, includeSubDomains: true });
  return (req: Request, res: Response, next: NextFunction) => {
    const headers = FRAMEABLE_PATHS.some((p) => req.path.startsWith(p)) ? frameable : everywhere;
    headers(req, res, (err?: unknown) => {
      if (err || !req.secure) return next(err);
      hsts(req, res, next);
    });
  };
}

function helmetFor(config: AppConfig, frameAncestors: string[]): RequestHandler {
  const framedByOthers = frameAncestors[0] !== "'none'";
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        // React sets style attributes (and LiveKit's components a few <style> rules).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // hls.js feeds <video> through MediaSource (a blob: URL) and demuxes in a worker made from a blob.
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", ownSocketOrigin, ...liveKitOrigins(config)],
        frameSrc: ["'none'"],
      },
    },
    // With CORS_ORIGINS a web app served elsewhere loads recordings and posters from here.
    crossOriginResourcePolicy: { policy: config.corsOrigins.length ? 'cross-origin' : 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: framedByOthers ? false : { action: 'deny' },
    strictTransportSecurity: false,
  });
}

/** The socket's ws:// or wss:// form of the page's own origin ('self' covers it only in CSP 3 browsers). */
function ownSocketOrigin(req: IncomingMessage): string {
  const { host } = req.headers;
  if (!host || !/^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host)) return "'self'";
  return `${(req as Request).secure ? 'wss' : 'ws'}://${host}`;
}

/** LiveKit's signalling (ws/wss) and its HTTP API (http/https: the client's region and validate calls). */
function liveKitOrigins(config: AppConfig): string[] {
  if (!config.livekit) return [];
  const url = new URL(config.livekit.publicUrl);
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  return [`${secure ? 'wss' : 'ws'}://${url.host}`, `${secure ? 'https' : 'http'}://${url.host}`];
}
