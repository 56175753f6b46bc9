import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { serveWebApp } from '../src/web/serve-web-app';

@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

/** The API serving the built web app at `/`: files, the SPA fallback for page paths, /api untouched. */
describe('serving the web app (e2e)', () => {
  const apps: NestExpressApplication[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  async function appServing(dir: string): Promise<NestExpressApplication> {
    const app = await NestFactory.create<NestExpressApplication>(PingModule, { logger: false });
    app.setGlobalPrefix('api');
    serveWebApp(app, dir);
    await app.init();
    apps.push(app);
    return app;
  }

  function builtSite(): string {
    const dir = mkdtempSync(join(tmpdir(), 'rostrum-web-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Rostrum app</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    return dir;
  }

  it('should answer page paths with index.html and files as they are when the app is built', async () => {
    const sut = (await appServing(builtSite())).getHttpServer();
    for (const path of ['/', '/watch/7a0c', '/staff/archive', '/register?code=abc']) {
      const res = await request(sut).get(path).set('Accept', 'text/html').expect(200);
      expect(res.text).toContain('<title>Rostrum app</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const asset = await request(sut).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(sut).get('/assets/missing.js').expect(404);
  });

  it('should leave /api to the API when a page fallback would otherwise match', async () => {
    const sut = (await appServing(builtSite())).getHttpServer();
    expect((await request(sut).get('/api/ping').set('Accept', 'text/html').expect(200)).body).toEqual({
      pong: true,
    });
    const missing = await request(sut).get('/api/nope').set('Accept', 'text/html').expect(404);
    expect(missing.text).not.toContain('Rostrum app');
    await request(sut).post('/watch/7a0c').set('Accept', 'text/html').expect(404);
  });

  it('should say how to build the web app when it is not built', async () => {
    const sut = (await appServing(mkdtempSync(join(tmpdir(), 'rostrum-no-web-')))).getHttpServer();
    const res = await request(sut).get('/').set('Accept', 'text/html').expect(503);
    expect(res.text).toContain('npm run build:web');
    expect((await request(sut).get('/api/ping').expect(200)).body).toEqual({ pong: true });
  });
});
