/*
 * The egress page (what LiveKit Egress records) in Chromium against the real API, opened as a preview
 * (without Egress's LiveKit parameters): on a 1080p frame, the lower third shows the panel's title while
 * nobody speaks, then the speaker, their delegation with its flag and a running clock, from the panel's
 * public snapshot; in a language channel's layout it shows no lower third.
 */
import type { Browser } from 'playwright-core';
import type { PanelEntity, UserEntity } from '@rostrum/database';
import {
  connectLive,
  makeDelegation,
  makePanel,
  makeUser,
  startTestApi,
  type LiveTestClient,
  type TestApi,
} from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

const FRAME = { width: 1920, height: 1080 };

describe('web app: the egress page (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let moderator: UserEntity;
  let delegate: UserEntity;
  let panel: PanelEntity;
  const clients: LiveTestClient[] = [];
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );
  const live = async (user: UserEntity) => {
    const client = await connectLive(api.url, { token: api.tokenFor(user) });
    clients.push(client);
    await client.ok('panel:join', { panelId: panel.id });
    return client;
  };

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    const france = await makeDelegation(api.db, { name: 'France', code: 'FRA' });
    delegate = await makeUser(api.db, 'delegate', { name: 'Claire Martin', delegationId: france.id });
    panel = await makePanel(api.db, {
      title: 'Exceptions and limitations for libraries',
      moderators: [moderator],
      status: 'live',
    });
  });
  afterEach(() => actors.closeAll());
  afterAll(async () => {
    for (const c of clients) c.close();
    await browser?.close();
    await api?.close();
  });

  it('should show the speaker, delegation and a running clock in the lower third', async () => {
    const frame = await actors.open({ viewport: FRAME });
    const page = frame.page;
    await page.goto(`/egress/panels/${panel.id}`);
    const speaker = page.getByTestId('egress-speaker');
    await eventually(async () =>
      expect(await speaker.textContent()).toBe('Exceptions and limitations for libraries'),
    );

    const mod = await live(moderator);
    const del = await live(delegate);
    const { intervention } = await del.ok('floor:request', { panelId: panel.id, kind: 'statement' });
    await mod.ok('floor:grant', { panelId: panel.id, interventionId: intervention.id, seconds: 120 });

    await eventually(async () => expect(await speaker.textContent()).toBe('Claire Martin'));
    const delegation = page.getByTestId('egress-delegation');
    expect(await delegation.textContent()).toBe('France');
    expect(await delegation.getByTestId('flag').getAttribute('data-flag')).toBe('fr');
    const clock = page.getByTestId('egress-lower-third').getByTestId('speaker-clock');
    expect(await clock.getAttribute('data-tone')).toBe('normal');
    const first = await clock.locator('.clock__digits').textContent();
    await eventually(async () => expect(await clock.locator('.clock__digits').textContent()).not.toBe(first));
    // The lower third sits in the bottom part of the frame.
    const box = (await page.getByTestId('egress-lower-third').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(FRAME.height);
    expect(box.y).toBeGreaterThan(FRAME.height * 0.6);
    await screenshot(page, 'egress-lower-third-1080p');
  });

  it('should show no lower third in a language channel', async () => {
    const frame = await actors.open({ viewport: FRAME });
    await frame.page.goto(`/egress/panels/${panel.id}?layout=lang:fr`);
    await eventually(async () =>
      expect(await frame.page.getByTestId('egress-page').getAttribute('data-mode')).toBe('lang:fr'),
    );
    expect(await frame.page.getByTestId('egress-lower-third').count()).toBe(0);
  });
});
