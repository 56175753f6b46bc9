/*
 * The watch page's language menu in HLS mode (WEBCAST_HLS), in Chromium against the real API: ffmpeg writes a
 * live HLS stream for the floor (video with a 440 Hz tone) and an audio-only French one (600 Hz) where Egress
 * would, in the panel's HLS folders the API serves. A public visitor picks French: the French stream plays on
 * its own <audio> beside the floor's video (its sound at about 15 %), and the loudest tone heard becomes 600 Hz;
 * after a reload the choice is remembered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HLS_DIR, panelDirName } from '@rostrum/recordings';
import { makePanel, makeUser, startWebcastTestApi, type WebcastTestApi } from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

describe('web app: the HLS stream’s language menu on the watch page (browser e2e)', () => {
  let kit: WebcastTestApi;
  let browser: Browser;
  const streams: ChildProcess[] = [];
  const actors = new ActorPool(
    () => browser,
    () => kit.api.url,
  );

  beforeAll(async () => {
    [kit, browser] = await Promise.all([
      startWebcastTestApi({ env: { WEBCAST_HLS: 'true' } }),
      launchBrowser(),
    ]);
  }, 60_000);

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    streams.forEach((s) => s.kill('SIGKILL'));
    await browser?.close();
    await kit?.close();
  });

  /** A live HLS stream written in real time (1 s segments, a sliding window of 6), as Egress writes it. */
  function liveHls(dir: string, inputs: string[], codecs: string[]) {
    mkdirSync(dir, { recursive: true });
    const ffmpeg = spawn(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-re'],
        ...inputs,
        ...['-t', '300', ...codecs, '-c:a', 'aac', '-b:a', '64k'],
        ...['-f', 'hls', '-hls_time', '1', '-hls_list_size', '6'],
        ...['-hls_flags', 'delete_segments+temp_file', '-hls_segment_filename', join(dir, 'segment%d.ts')],
        join(dir, 'live.m3u8'),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    streams.push(ffmpeg);
  }

  it('should play the French stream over the floor softly, and remember French after a reload', async () => {
    const panel = await makePanel(kit.api.db, {
      moderators: [await makeUser(kit.api.db, 'moderator')],
      status: 'live',
      title: 'Copyright exceptions',
    }); // its event's languages: en, fr, zh
    const hls = join(kit.api.config.recordingsDir, panelDirName(panel.id), HLS_DIR);
    const tone = (hz: number) => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000`];
    liveHls(
      hls,
      ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=10', ...tone(440)],
      ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-pix_fmt', 'yuv420p'],
    );
    liveHls(join(hls, 'fr'), tone(600), []);
    // hls.js starts a few segments behind the live edge: wait until both playlists have them.
    const segments = (dir: string) =>
      existsSync(join(dir, 'live.m3u8'))
        ? readFileSync(join(dir, 'live.m3u8'), 'utf8').split('.ts').length - 1
        : 0;
    await eventually(() => {
      expect(segments(hls)).toBeGreaterThanOrEqual(4);
      expect(segments(join(hls, 'fr'))).toBeGreaterThanOrEqual(4);
    }, 30_000);

    const { page, errors } = await actors.open({ viewport: { width: 1280, height: 800 } });
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/webcast/hls/') && requests.push(new URL(r.url()).pathname));
    await page.goto(`/watch/${panel.id}`);
    const menu = page.getByLabel('Listen to');
    await eventually(async () =>
      expect(await menu.locator('option').allTextContents()).toEqual([
        'Floor (original sound)',
        'English — interpretation',
        'French — interpretation',
        'Chinese — interpretation',
      ]),
    );
    // A click lets the page play sound (Chromium's autoplay rule); it then listens to itself.
    await playingMuted(page);
    await page.getByRole('heading', { level: 1 }).click();
    await startListening(page);
    await eventually(async () => expect(await loudestHz(page)).toBeCloseTo(440, -1), 30_000);
    expect(requests.some((p) => p.includes('/hls/fr/'))).toBe(false);

    await menu.selectOption({ label: 'French — interpretation' });
    await listenToLanguage(page);
    await eventually(async () => expect(await loudestHz(page)).toBeCloseTo(600, -1), 30_000);
    expect(requests).toContain(`/api/public/panels/${panel.id}/webcast/hls/fr/live.m3u8`);
    const video = page.locator('video');
    expect(await video.evaluate((v: HTMLVideoElement) => [v.paused, v.volume])).toEqual([false, 0.15]);
    await screenshot(page, 'watch-hls-language-fr');

    // Remembered in this browser: French again after a reload, heard as soon as the visitor lets it play.
    await page.reload();
    await eventually(async () => expect(await menu.inputValue()).toBe('fr'), 20_000);
    await playingMuted(page);
    await page.getByRole('heading', { level: 1 }).click();
    await startListening(page);
    await eventually(async () => expect(await page.getByTestId('hls-language-audio').count()).toBe(1));
    await listenToLanguage(page);
    await eventually(async () => expect(await loudestHz(page)).toBeCloseTo(600, -1), 30_000);
    // Started together, the two streams' clocks match: the French sound plays within about a second of the video,
    // and is brought back there when it falls behind (a stall, a slow network).
    const ahead = () =>
      page.evaluate(() => {
        const [v, a] = [...document.querySelectorAll<HTMLMediaElement>('video, audio')];
        return v.currentTime - a.currentTime;
      });
    const apart = async () => Math.abs(await ahead());
    const french = page.getByTestId('hls-language-audio');
    await eventually(async () => {
      expect(await apart()).toBeLessThan(1.5);
      expect(await french.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(4);
    }, 15_000);
    // Put the French sound 3 s behind where it was (it may have been up to 1.5 s ahead: what matters is the move).
    const before = await ahead();
    await french.evaluate((a: HTMLAudioElement) => (a.currentTime -= 3));
    expect((await ahead()) - before).toBeGreaterThan(2.5);
    await eventually(async () => expect(await apart()).toBeLessThan(1.5), 15_000);

    await menu.selectOption({ label: 'Floor (original sound)' });
    await eventually(async () => expect(await loudestHz(page)).toBeCloseTo(440, -1), 30_000);
    expect(await page.getByTestId('hls-language-audio').count()).toBe(0);
    expect(await video.evaluate((v: HTMLVideoElement) => v.volume)).toBe(1);
    expect(errors).toEqual([]);

    const phone = await actors.open({ viewport: { width: 390, height: 844 } });
    await phone.page.goto(`/watch/${panel.id}`);
    await phone.page.getByLabel('Listen to').selectOption('fr');
    await eventually(async () => expect(await phone.page.getByTestId('hls-language-audio').count()).toBe(1));
    await screenshot(phone.page, 'watch-hls-language-fr-phone');
  });
});

/** The player starts on its own, muted (browsers' autoplay rule), as soon as the stream has loaded. */
async function playingMuted(page: Page) {
  const video = page.locator('video');
  await eventually(
    async () =>
      expect(await video.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0)).toBe(true),
    30_000,
  );
}

/** Routes the playing floor's video through an analyser (Web Audio), kept on the window for `loudestHz`. */
async function startListening(page: Page) {
  await page.locator('video').evaluate(async (v: HTMLVideoElement) => {
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    analyser.connect(ctx.destination);
    ctx.createMediaElementSource(v).connect(analyser);
    Object.assign(window, { analyser });
    v.muted = false; // as the viewer's click on the player's sound would
    await ctx.resume();
  });
}

/** Adds the language's <audio> to what the analyser hears. */
async function listenToLanguage(page: Page) {
  await page.getByTestId('hls-language-audio').evaluate((a: HTMLAudioElement) => {
    const { analyser } = window as unknown as { analyser: AnalyserNode };
    (analyser.context as AudioContext).createMediaElementSource(a).connect(analyser);
  });
}

/** The frequency with the most energy in what the page plays now. */
function loudestHz(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { analyser } = window as unknown as { analyser: AnalyserNode };
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
    return (best * analyser.context.sampleRate) / analyser.fftSize;
  });
}
