import Redis from 'ioredis';
import type { Browser } from 'playwright-core';
import { ROOMS } from '@rostrum/contracts';
import { createLiveEmitter } from '@rostrum/recordings';
import { makePanel, makeUser, startWebcastTestApi, type WebcastTestApi } from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

/**
 * Live captions on the public watch page, in Chromium against the real API: `caption:segment` is published
 * the way the worker publishes it (Redis emitter → the API's socket.io adapter → the browser); the worker's
 * side, from HLS segments to the event, is tested in apps/worker/test/live-captions.e2e-spec.ts.
 */
describe('web app: live captions on the watch page (browser e2e)', () => {
  let kit: WebcastTestApi;
  let browser: Browser;
  let redis: Redis;
  const actors = new ActorPool(
    () => browser,
    () => kit.api.url,
  );

  beforeAll(async () => {
    // LiveKit (faked) with WEBCAST_HLS: the live panel has its HLS stream, which live captions are made from.
    [kit, browser] = await Promise.all([
      startWebcastTestApi({ env: { WEBCAST_HLS: 'true', LIVE_CAPTIONS: 'true' } }),
      launchBrowser(),
    ]);
    redis = new Redis(kit.api.config.redisUrl);
  }, 60_000);

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    redis?.disconnect();
    await browser?.close();
    await kit?.close();
  });

  it('should show the caption line being said once CC is on, and nothing while it is off', async () => {
    const panel = await makePanel(kit.api.db, {
      moderators: [await makeUser(kit.api.db, 'moderator')],
      status: 'live',
      title: 'Data',
    });
    const emitter = createLiveEmitter(redis, kit.api.config.redisPrefix, (err) => {
      throw err;
    });
    const say = (text: string, startSeconds: number) =>
      emitter.to(ROOMS.panel(panel.id)).emit('caption:segment', {
        panelId: panel.id,
        language: 'en',
        startSeconds,
        endSeconds: startSeconds + 3,
        text,
      });
    const { page } = await actors.open({ viewport: { width: 1280, height: 800 } });
    await page.goto(`/watch/${panel.id}`);
    const cc = page.getByRole('button', { name: 'Live captions off' });
    await eventually(async () => expect(await cc.isVisible()).toBe(true));
    expect(await page.getByTestId('live-captions').count()).toBe(0);

    await cc.click();
    const captions = page.getByTestId('live-captions');
    await eventually(async () => expect(await captions.textContent()).toContain('a few seconds after'));
    // The captions' own connection joins the panel just after the click: say it until it is heard.
    let at = 0;
    await eventually(async () => {
      say('the delegation of brazil thanks the panel', (at += 4));
      expect(await captions.textContent()).toContain('the delegation of brazil thanks the panel');
    }, 20_000);
    say('kenya asks who owns the data', (at += 4));
    await eventually(async () =>
      expect(await captions.textContent()).toContain('kenya asks who owns the data'),
    );
    expect(await page.getByRole('button', { name: 'Live captions on' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await screenshot(page, 'watch-live-captions');

    await page.getByRole('button', { name: 'Live captions on' }).click();
    expect(await page.getByTestId('live-captions').count()).toBe(0);
  });
});
