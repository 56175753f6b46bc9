import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { RecordingEntity } from '@rostrum/database';
import {
  FakeLiveKitServer,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  TestApi,
} from '@rostrum/test-harness';

/** Parses a Content-Security-Policy header into directive → sources. */
function csp(header: string | undefined): Record<string, string[]> {
  expect(header).toBeDefined();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('security headers (e2e)', () => {
  let api: TestApi;
  let livekit: FakeLiveKitServer;
  let recordingId: string;

  beforeAll(async () => {
    livekit = await FakeLiveKitServer.start();
    api = await startTestApi({
      env: {
        ...livekit.env(),
        LIVEKIT_PUBLIC_URL: 'wss://live.example.org',
        TRUST_PROXY: 'loopback',
        DISPLAY_FRAME_ANCESTORS: 'https://screens.example.org, https://obs.example.org:8443',
      },
    });
    const moderator = await makeUser(api.db, 'moderator');
    const panel = await makePanel(api.db, { event: await makeEvent(api.db), moderators: [moderator] });
    mkdirSync(api.config.archiveDir, { recursive: true });
    const recording = await api.db.getRepository(RecordingEntity).save({
      panelId: panel.id,
      eventId: panel.eventId,
      title: 'Opening',
      status: 'ready',
      source: 'egress',
      published: true,
      chapters: [],
    });
    recordingId = recording.id;
    writeFileSync(join(api.config.archiveDir, `${recordingId}.mp4`), Buffer.alloc(64, 1));
    await api.db
      .getRepository(RecordingEntity)
      .update(recordingId, { videoFile: `${recordingId}.mp4`, sizeBytes: 64 });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await livekit?.stop();
  });

  const paths = () => [
    '/',
    '/api/health',
    '/api/public/events',
    '/api/auth/me', // a 401 carries them too
    `/api/public/recordings/${recordingId}/video?download=1`,
  ];

  it('should send nosniff, no referrer, no framing and the CSP on the site, the API and a download', async () => {
    for (const path of paths()) {
      const res = await request(api.url)
        .get(path)
        .set('Accept', path === '/' ? 'text/html' : '*/*');
      expect([path, res.headers['x-content-type-options']]).toEqual([path, 'nosniff']);
      expect([path, res.headers['referrer-policy']]).toEqual([path, 'no-referrer']);
      expect([path, res.headers['x-frame-options']]).toEqual([path, 'DENY']);
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      const host = new URL(api.url).host;
      expect(policy['connect-src'].sort()).toEqual(
        ["'self'", `ws://${host}`, 'wss://live.example.org', 'https://live.example.org'].sort(),
      );
    }
  });

  it('should send the download itself with those headers', async () => {
    const res = await request(api.url).get(`/api/public/recordings/${recordingId}/video?download=1`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('should send Strict-Transport-Security only when the request came over HTTPS', async () => {
    for (const path of paths()) {
      const plain = await request(api.url).get(path).set('Accept', 'text/html');
      expect([path, plain.headers['strict-transport-security']]).toEqual([path, undefined]);
      const https = await request(api.url)
        .get(path)
        .set('Accept', 'text/html')
        .set('X-Forwarded-Proto', 'https');
      expect([path, https.headers['strict-transport-security']]).toEqual([
        path,
        'max-age=31536000; includeSubDomains',
      ]);
      const host = new URL(api.url).host;
      expect(csp(https.headers['content-security-policy'])['connect-src']).toContain(`wss://${host}`);
    }
  });

  it('should let only DISPLAY_FRAME_ANCESTORS frame the display and overlay pages', async () => {
    for (const path of ['/display/panels/3f1c0c8e-6a1e-4c2e-9d3e-0f4a9b7c2d11', '/overlay/lower-third']) {
      const res = await request(api.url).get(path).set('Accept', 'text/html');
      expect(csp(res.headers['content-security-policy'])['frame-ancestors']).toEqual([
        'https://screens.example.org',
        'https://obs.example.org:8443',
      ]);
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const other = await request(api.url).get('/displayed').set('Accept', 'text/html');
    expect(csp(other.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
  });
});
