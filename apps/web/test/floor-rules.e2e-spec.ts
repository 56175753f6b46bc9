/*
 * The floor corrections of issue 12 in the browser, against the real API (PostgreSQL, Redis, the /live
 * gateway): the console's "Next speaker" with a time to give, a point of order always offered to a delegate,
 * the server's estimated waits, focus on the result of a request and the word on a removed request.
 */
import type { Browser, Page } from 'playwright-core';
import {
  connectLive,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  type LiveTestClient,
  type TestApi,
} from '@rostrum/test-harness';
import type { PanelEntity, UserEntity } from '@rostrum/database';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

describe('web app: floor rules against the real API (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let moderator: UserEntity;
  let delegates: UserEntity[];
  const clients: LiveTestClient[] = [];
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]); // no LIVEKIT_*: webcast disabled
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    delegates = [];
    for (const [name, country, code] of [
      ['Ana Pereira', 'Brazil', 'BRA'],
      ['Wanjiru Kamau', 'Kenya', 'KEN'],
      ['Haruto Sato', 'Japan', 'JPN'],
      ['Lena Fischer', 'Germany', 'DEU'],
    ]) {
      const delegation = await makeDelegation(api.db, { name: country, code });
      delegates.push(await makeUser(api.db, 'delegate', { name, delegationId: delegation.id }));
    }
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await actors.closeAll();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const actor = (user?: UserEntity, options: Parameters<ActorPool['open']>[0] = {}) =>
    actors.open({ ...options, token: user ? api.tokenFor(user) : undefined });
  /** A live panel of its own per test, so no test sees another's queue. */
  const livePanel = async (title: string): Promise<PanelEntity> =>
    makePanel(api.db, { event: await makeEvent(api.db), title, moderators: [moderator], status: 'live' });
  /** A real socket.io client for the people the test does not watch in a browser. */
  const liveClient = async (user: UserEntity, panelId: string) => {
    const client = await connectLive(api.url, { token: api.tokenFor(user) });
    clients.push(client);
    await client.ok('panel:join', { panelId });
    return client;
  };
  const speakerTimer = (page: Page) => page.getByTestId('speaker-clock').getByRole('timer');

  describe('the console: Next speaker with a time to give', () => {
    it('should give the next speaker the time typed, then clear the field for the one after', async () => {
      const panel = await livePanel('Next speaker with a time');
      for (const d of delegates.slice(0, 2)) {
        await (await liveClient(d, panel.id)).ok('floor:request', { panelId: panel.id, kind: 'statement' });
      }
      const mod = await actor(moderator);
      await mod.page.goto(`/panels/${panel.id}/console`);
      await eventually(async () => expect(await mod.page.getByTestId('queue-count').textContent()).toBe('2'));

      const field = mod.page.getByLabel('Time to give (s)');
      await field.fill('45');
      await mod.page.getByRole('button', { name: 'Next speaker' }).click();
      await eventually(async () =>
        expect(await mod.page.getByTestId('speaker-name').textContent()).toContain('Ana Pereira'),
      );
      expect(await speakerTimer(mod.page).textContent()).toMatch(/^0:4\d$/);
      expect(await mod.page.getByRole('alert').count()).toBe(0);
      expect(await field.inputValue()).toBe('');

      // The next one gets the panel's usual 3:00.
      await mod.page.getByRole('button', { name: 'Next speaker' }).click();
      await eventually(async () =>
        expect(await mod.page.getByTestId('speaker-name').textContent()).toContain('Wanjiru Kamau'),
      );
      expect(await speakerTimer(mod.page).textContent()).toMatch(/^(3:0[01]|2:5\d)$/);
      await screenshot(mod.page, 'floor-rules-console-next-with-time');
    });

    it('should not send an invalid time, say why at the field, and work again once it is fixed', async () => {
      const panel = await livePanel('Next speaker with a bad time');
      await (
        await liveClient(delegates[2], panel.id)
      ).ok('floor:request', { panelId: panel.id, kind: 'statement' });
      const mod = await actor(moderator);
      await mod.page.goto(`/panels/${panel.id}/console`);
      await eventually(async () => expect(await mod.page.getByTestId('queue-count').textContent()).toBe('1'));

      const field = mod.page.getByLabel('Time to give (s)');
      await field.fill('5000');
      await mod.page.getByRole('button', { name: 'Next speaker' }).click();
      await eventually(async () =>
        expect(await mod.page.getByRole('alert').textContent()).toBe(
          'Enter a whole number of seconds from 1 to 3600, or leave it empty.',
        ),
      );
      expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await mod.page.getByTestId('queue-count').textContent()).toBe('1');
      await screenshot(mod.page, 'floor-rules-console-invalid-time');
      await mod.page.setViewportSize({ width: 390, height: 844 });
      await screenshot(mod.page, 'floor-rules-console-invalid-time-phone');

      await field.fill('90');
      await mod.page.getByRole('button', { name: 'Next speaker' }).click();
      await eventually(async () =>
        expect(await mod.page.getByTestId('speaker-name').textContent()).toContain('Haruto Sato'),
      );
      expect(await speakerTimer(mod.page).textContent()).toMatch(/^(1:3[01]|1:2\d)$/);
      expect(await field.inputValue()).toBe('');
    });
  });
  describe("the delegate's form: one open request of each sort", () => {
    it('should offer a point of order beside a waiting request and on a closed list, and show both requests with their places', async () => {
      const panel = await livePanel('A point of order at any time');
      const mod = await liveClient(moderator, panel.id);
      const ahead = await liveClient(delegates[1], panel.id);
      await ahead.ok('floor:request', { panelId: panel.id, kind: 'statement' });

      const ana = await actor(delegates[0]);
      await ana.page.goto(`/panels/${panel.id}/floor`);
      await ana.page.getByLabel('Short note for the moderator (optional)').fill('On article 5');
      await ana.page.getByRole('button', { name: 'Request the floor' }).click();
      const statement = ana.page.getByTestId('my-request').filter({ hasText: 'Statement' });
      await eventually(async () =>
        expect(await statement.getByTestId('my-position').textContent()).toBe('2'),
      );
      // Focus went to the result: the request's place in the queue.
      expect(await statement.evaluate((el) => el === document.activeElement)).toBe(true);

      // The form still offers the point of order, and only it.
      const form = ana.page.getByTestId('request-form');
      expect(await form.getByRole('radio').count()).toBe(1);
      expect(await form.getByRole('radio', { name: /Point of order/ }).isChecked()).toBe(true);
      expect(
        await ana.page.getByText('You can still raise a point of order while your request waits.').count(),
      ).toBe(1);

      // The list closes: the point of order is still offered.
      await mod.ok('queue:close', { panelId: panel.id });
      await ana.page
        .getByText('The list of speakers is closed. You can still raise a point of order.')
        .waitFor();
      expect(await form.getByRole('button', { name: 'Request the floor' }).isEnabled()).toBe(true);
      await screenshot(ana.page, 'floor-rules-delegate-order-on-closed-list');
      await form.getByRole('button', { name: 'Request the floor' }).click();

      const order = ana.page.getByTestId('my-request').filter({ hasText: 'Point of order' });
      await eventually(async () => expect(await order.getByTestId('my-position').textContent()).toBe('1'));
      expect(await statement.getByTestId('my-position').textContent()).toBe('3');
      expect(await order.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await ana.page.getByTestId('my-request').count()).toBe(2);
      // Both sorts are taken: nothing more to ask for.
      expect(await form.count()).toBe(0);
      await screenshot(ana.page, 'floor-rules-delegate-two-requests');
      await ana.page.setViewportSize({ width: 390, height: 844 });
      await screenshot(ana.page, 'floor-rules-delegate-two-requests-phone');
    });

    it('should offer the speaker a point of order', async () => {
      const panel = await livePanel('A point of order from the speaker');
      const mod = await liveClient(moderator, panel.id);
      const ana = await actor(delegates[0]);
      await ana.page.goto(`/panels/${panel.id}/floor`);
      await ana.page.getByRole('button', { name: 'Request the floor' }).click();
      await ana.page.getByTestId('my-position').waitFor();
      await mod.ok('floor:next', { panelId: panel.id });
      await ana.page.getByTestId('you-have-the-floor').waitFor();
      const form = ana.page.getByTestId('request-form');
      await eventually(async () => expect(await form.getByRole('radio').count()).toBe(1));
      await form.getByRole('button', { name: 'Request the floor' }).click();
      await eventually(async () => expect(await ana.page.getByTestId('my-position').textContent()).toBe('1'));
    });
  });

  describe('a removed request', () => {
    it('should tell the delegate the moderator removed their request, and not when they withdrew it in another tab', async () => {
      const panel = await livePanel('A removed request');
      const mod = await liveClient(moderator, panel.id);
      const ana = await actor(delegates[0]);
      await ana.page.goto(`/panels/${panel.id}/floor`);
      await ana.page.getByRole('button', { name: 'Request the floor' }).click();
      await ana.page.getByTestId('my-position').waitFor();

      const state = (await mod.ok('panel:join', { panelId: panel.id })) as { queue: { id: string }[] };
      await mod.ok('queue:remove', { panelId: panel.id, interventionId: state.queue[0].id });
      await eventually(async () =>
        expect(await ana.page.getByTestId('request-removed').textContent()).toBe(
          'The moderator removed your request.',
        ),
      );
      await eventually(async () =>
        expect(await ana.page.getByTestId('announce-assertive').textContent()).toContain(
          'The moderator removed your request.',
        ),
      );
      await screenshot(ana.page, 'floor-rules-delegate-request-removed');

      // A new request clears the word; withdrawing it from a second tab says nothing of a removal in either.
      await ana.page.getByRole('button', { name: 'Request the floor' }).click();
      await ana.page.getByTestId('my-position').waitFor();
      expect(await ana.page.getByTestId('request-removed').count()).toBe(0);
      const secondTab = await ana.context.newPage();
      await secondTab.goto(`/panels/${panel.id}/floor`);
      await secondTab.getByRole('button', { name: 'Withdraw my request' }).click();
      await ana.page.getByTestId('my-position').waitFor({ state: 'detached' });
      await secondTab.getByTestId('my-position').waitFor({ state: 'detached' });
      expect(await ana.page.getByTestId('request-removed').count()).toBe(0);
      expect(await secondTab.getByTestId('request-removed').count()).toBe(0);
    });
  });
  describe("the server's estimated wait", () => {
    /** "Estimated wait: about 4:30" → 270. */
    const shownWait = async (page: Page) => {
      const text = (await page.getByTestId('my-wait').textContent()) ?? '';
      const [, minutes, seconds] = /about (\d+):(\d\d)/.exec(text) ?? [];
      if (minutes === undefined) throw new Error(`no wait shown: "${text}"`);
      return Number(minutes) * 60 + Number(seconds);
    };

    it("should show position 2 of 3 behind a 3:00 statement the server's corrected wait, the same in two tabs", async () => {
      const panel = await livePanel('Estimated waits');
      // Three earlier speeches were cut off after seconds: the factor is held at 0.5, not 0.02.
      for (const spoken of [3, 4, 2]) {
        await api.db.query(
          `INSERT INTO interventions (panel_id, delegate_id, kind, status, started_at, ended_at, allotted_seconds,
             spoken_seconds, end_reason)
           VALUES ($1, $2, 'statement', 'done', now(), now(), 180, $3, 'cut_off')`,
          [panel.id, delegates[3].id, spoken],
        );
      }
      const mod = await liveClient(moderator, panel.id);
      const kenya = await liveClient(delegates[1], panel.id);
      await kenya.ok('floor:request', { panelId: panel.id, kind: 'statement' });
      await mod.ok('floor:next', { panelId: panel.id }); // Kenya speaks: a 3:00 statement
      const japan = await liveClient(delegates[2], panel.id);
      await japan.ok('floor:request', { panelId: panel.id, kind: 'statement' });

      const firstTab = await actor(delegates[0]);
      await firstTab.page.goto(`/panels/${panel.id}/floor`);
      await firstTab.page.getByRole('button', { name: 'Request the floor' }).click();
      await firstTab.page.getByTestId('my-wait').getByText('Estimated wait').waitFor();
      const germany = await liveClient(delegates[3], panel.id);
      await germany.ok('floor:request', { panelId: panel.id, kind: 'statement' });
      await eventually(async () => expect(await firstTab.page.getByText('/ 3').count()).toBe(1));
      expect(await firstTab.page.getByTestId('my-position').textContent()).toBe('2');

      const secondTab = await firstTab.context.newPage();
      await secondTab.goto(`/panels/${panel.id}/floor`);
      await secondTab.getByTestId('my-wait').getByText('Estimated wait').waitFor();
      const readFrom = Date.now();
      const [first, second] = [await shownWait(firstTab.page), await shownWait(secondTab)];
      // Both tabs count down once a second: on a busy machine the two reads may be seconds apart.
      const secondsBetweenReads = Math.ceil((Date.now() - readFrom) / 1000);
      // What Kenya has left (under 3:00) + Japan's 3:00 × 0.5.
      expect(first).toBeGreaterThan(240);
      expect(first).toBeLessThanOrEqual(271);
      expect(Math.abs(first - second)).toBeLessThanOrEqual(1 + secondsBetweenReads);
      // It counts down with the speaker's clock.
      await eventually(async () => expect(await shownWait(firstTab.page)).toBeLessThan(first), 4000);
      await screenshot(firstTab.page, 'floor-rules-delegate-estimated-wait');
    });
  });
});
