import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  FakeLiveKitServer,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  TestApi,
} from '@rostrum/test-harness';
import { launchBrowser, screenshot } from './support/browser';

/**
 * The site under its Content-Security-Policy: hls.js (MediaSource blob: URLs, a worker from a blob), the
 * Swagger UI. Any resource the policy refuses shows in the console, which fails the test.
 */
describe('the site under its Content-Security-Policy (browser)', () => {
  let browser: Browser;
  let livekit: FakeLiveKitServer;
  let api: TestApi;
  let panelId: string;
  let moderatorToken: string;

  beforeAll(async () => {
    livekit = await FakeLiveKitServer.start();
    api = await startTestApi({ env: { ...livekit.env(), WEBCAST_HLS: 'true' } });
    const moderator = await makeUser(api.db, 'moderator');
    const panel = await makePanel(api.db, {
      event: await makeEvent(api.db),
      moderators: [moderator],
      status: 'live',
    });
    panelId = panel.id;
    moderatorToken = api.tokenFor(moderator);
    // Six seconds of the large-audience stream, as Egress writes it.
    const dir = join(api.config.recordingsDir, `panel-${panelId}`, 'hls');
    mkdirSync(dir, { recursive: true });
    execFileSync('ffmpeg', [
      ...[
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=320x240:rate=25',
        '-f',
        'lavfi',
        '-i',
        'sine',
      ],
      ...['-t', '6', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-f', 'hls', '-hls_time', '2'],
      ...['-hls_list_size', '0', '-hls_segment_filename', join(dir, 'seg%d.ts'), join(dir, 'live.m3u8')],
    ]);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await livekit?.stop();
  });

  async function open(path: string, withoutNativeHls = false, token?: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (token) {
      await context.addCookies([{ name: 'rostrum_session', value: token, url: api.url, httpOnly: true }]);
    }
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && refused.push(m.text()));
    page.on('pageerror', (e) => refused.push(e.message));
    // Chromium may play HLS itself; without it the page uses hls.js, whose needs the policy must meet.
    if (withoutNativeHls) await page.addInitScript(() => (HTMLMediaElement.prototype.canPlayType = () => ''));
    await page.goto(`${api.url}${path}`);
    return { page, refused };
  }

  it('should play the HLS webcast through hls.js on the watch page', async () => {
    const { page, refused } = await open(`/watch/${panelId}`, true);
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1, undefined, {
      timeout: 30_000,
    });
    expect(await page.evaluate(() => document.querySelector('video')!.currentSrc)).toMatch(/^blob:/);
    await screenshot(page, 'csp-watch-hls');
    expect(refused).toEqual([]);
    await page.context().close();
  });

  it('should mount the LiveKit player (@livekit/components-react) in the moderator console', async () => {
    const { page, refused } = await open(`/panels/${panelId}/console`, false, moderatorToken);
    // The room renders its bar; the stand-in speaks no WebRTC signalling, so the connection fails visibly.
    await page.locator('.webcast__room').waitFor();
    await page.locator('.webcast__room [role="alert"]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Microphone' }).count()).toBe(0); // LiveKit never granted it
    expect(refused).toEqual([]);
    await page.context().close();
  });

  it('should show the API docs', async () => {
    const { page, refused } = await open('/api/docs');
    await page.getByText('Rostrum API').first().waitFor();
    await page.getByText('/api/auth/login').first().waitFor();
    expect(refused).toEqual([]);
    await page.context().close();
  });
});
