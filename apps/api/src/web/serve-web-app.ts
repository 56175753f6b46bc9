import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Serves the browser app (apps/web, built by `npm run build:web` to apps/web/dist) at `/`: its files, and
 * index.html for any other page path so client-side routes survive a reload. /api and /socket.io stay the
 * API's. Without a build the API still runs, and `/` says how to make one.
 */
export function serveWebApp(app: NestExpressApplication, dir = webDistDir()): void {
  app.useStaticAssets(dir, {
    index: false,
    // Vite names built assets by content hash: they never change, so they can be cached for good.
    setHeaders: (res, path) => {
      if (path.includes(`${join(dir, 'assets')}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isPagePath(req.path) || !req.accepts('html')) {
      return next();
    }
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** apps/web/dist, from the sources (apps/api/src/web) or from the build (dist/apps/api/src/web). */
export function webDistDir(): string {
  const fromSources = resolve(__dirname, '../../../web');
  if (existsSync(fromSources)) return join(fromSources, 'dist');
  return resolve(__dirname, '../../../../../apps/web/dist');
}

/** A page of the app: not the API, not the socket, not a file (a missing file is a 404, not the app). */
function isPagePath(path: string): boolean {
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io')) return false;
  return !/\.[a-z0-9]+$/i.test(path);
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Rostrum</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Rostrum's web app is not built</h1>
<p>The API is running (<a href="/api/docs">/api/docs</a>), but <code>apps/web/dist</code> does not exist yet.
Build it with <code>npm run build:web</code> (or <code>npm run build</code>, which <code>npm start</code> runs
when the sources changed), then reload this page.</p></body></html>`;
