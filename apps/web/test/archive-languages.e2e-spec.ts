/*
 * The archive's language menu in Chromium: a recording imported with French and Chinese interpretation
 * (generated tones: the floor at 440 Hz, French at 600 Hz, Chinese at 800 Hz) is archived by the real
 * worker; the staff recording page plays its HLS package with hls.js, offers the floor and both channels,
 * and choosing French loads the French rendition and the sound that plays becomes the French tone.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { RecordingView } from '@rostrum/contracts';
import type { UserEntity } from '@rostrum/database';
import {
  makePanel,
  makeToneMedia,
  makeUser,
  startTestApi,
  startTestWorker,
  type TestApi,
} from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

const SECONDS = 20;

describe('web app: the archive’s audio languages (browser e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let browser: Browser;
  let staff: UserEntity;
  let recording: RecordingView;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startTestApi({ env: { TRANSCRIBE_LANGUAGES: 'fr' } }), // no recogniser runs
      launchBrowser(),
    ]);
    const dir = join(api.config.recordingsDir, 'imports');
    mkdirSync(dir, { recursive: true });
    await Promise.all([
      makeToneMedia(join(dir, 'video.mp4'), {
        seconds: SECONDS,
        toneHz: 440,
        beepsAt: [],
        video: { width: 640, height: 360, fps: 25 },
      }),
      makeToneMedia(join(dir, 'fr.m4a'), { seconds: SECONDS - 0.5, toneHz: 600, beepsAt: [] }),
      makeToneMedia(join(dir, 'zh.m4a'), { seconds: SECONDS - 1, toneHz: 800, beepsAt: [] }),
    ]);
    worker = await startTestWorker(api.config);
    staff = await makeUser(api.db, 'staff');
    const panel = await makePanel(api.db, { moderators: [staff], title: 'Limitations and exceptions' });
    const res = await request(api.url)
      .post('/api/recordings/import')
      .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
      .send({
        panelId: panel.id,
        sourcePath: 'imports/video.mp4',
        channels: [
          { language: 'fr', sourcePath: 'imports/fr.m4a', offsetSeconds: 0.5 },
          { language: 'zh', sourcePath: 'imports/zh.m4a', offsetSeconds: 1 },
        ],
      })
      .expect(201);
    recording = await eventually(async () => {
      const r = await request(api.url)
        .get(`/api/recordings/${(res.body as RecordingView).id}`)
        .set('Authorization', `Bearer ${api.tokenFor(staff)}`);
      expect(r.body.status).toBe('ready');
      return r.body as RecordingView;
    }, 60_000);
  }, 120_000);
  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await worker?.close();
    await browser?.close();
    await api?.close();
  });

  it('should play the HLS package with hls.js and switch the sound to French from the language menu', async () => {
    const { page } = await actors.open({ token: api.tokenFor(staff) });
    const hlsRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/hls/') && hlsRequests.push(new URL(r.url()).pathname));
    await page.goto(`/staff/archive/${recording.id}`);

    const menu = page.getByLabel('Audio language');
    await eventually(async () =>
      expect(await menu.locator('option').allTextContents()).toEqual([
        'Floor (original)',
        'Français',
        '中文',
      ]),
    );
    expect(hlsRequests[0]).toBe(`/api/recordings/${recording.id}/hls/master.m3u8`);
    // A click on the page lets it play with sound (Chromium's autoplay rule), then it listens to itself.
    await page.getByRole('heading', { level: 1 }).click();
    await startListening(page);
    await eventually(async () => expect(await loudestHz(page)).toBeCloseTo(440, -1), 20_000);

    await menu.selectOption({ label: 'Français' });
    await eventually(
      async () => expect(hlsRequests.some((p) => /\/hls\/fr\/.+\.m4s$/.test(p))).toBe(true),
      20_000,
    );
    await eventually(async () => expect(await loudestHz(page)).toBeCloseTo(600, -1), 20_000);
    expect(await menu.inputValue()).toBe('1');
    expect(await page.getByTestId('recording-video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
    await screenshot(page, 'archive-audio-language-fr');
  });
});

/** Plays the video through an analyser (Web Audio), kept on the window for `loudestHz`. */
async function startListening(page: Page) {
  await page.getByTestId('recording-video').evaluate(async (v: HTMLVideoElement) => {
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    ctx.createMediaElementSource(v).connect(analyser).connect(ctx.destination);
    (window as unknown as { analyser: AnalyserNode }).analyser = analyser;
    v.muted = false;
    await ctx.resume();
    await v.play();
  });
}

/** The frequency with the most energy in what the video plays now. */
function loudestHz(page: Page): Promise<number> {
  return page.evaluate(() => {
    const analyser = (window as unknown as { analyser: AnalyserNode }).analyser;
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
    return (best * analyser.context.sampleRate) / analyser.fftSize;
  });
}
