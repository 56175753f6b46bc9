/*
 * The diplomatic list of speakers (issue 16) in the browser, against the real API: a delegate files a right
 * of reply to a statement and finds it at the end of the list; a delegate whose request comes on deck is
 * told so and says they are ready; the moderator sees a delegation's speaking time run out.
 */
import type { Browser } from 'playwright-core';
import type { PanelSettings, PanelSnapshot } from '@rostrum/contracts';
import type { PanelEntity, UserEntity } from '@rostrum/database';
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
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

const PHONE = { width: 390, height: 844 };

describe('web app: the diplomatic list of speakers (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let moderator: UserEntity;
  const people: Record<string, UserEntity> = {};
  const clients: LiveTestClient[] = [];
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    for (const [name, country, code, kind] of [
      ['Ana Pereira', 'Brazil', 'BRA', 'member_state'],
      ['Wanjiru Kamau', 'Kenya', 'KEN', 'member_state'],
      ['Haruto Sato', 'Japan', 'JPN', 'member_state'],
      ['Lena Fischer', 'Germany', 'DEU', 'member_state'],
      ['Tomás Ruiz', 'Holy See', 'VAT', 'observer'],
    ] as const) {
      const delegation = await makeDelegation(api.db, { name: country, code, kind });
      people[country] = await makeUser(api.db, 'delegate', { name, delegationId: delegation.id });
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

  const actor = (user: UserEntity, viewport?: { width: number; height: number }) =>
    actors.open({ token: api.tokenFor(user), viewport });
  const livePanel = async (title: string, settings: Partial<PanelSettings>): Promise<PanelEntity> =>
    makePanel(api.db, {
      event: await makeEvent(api.db, { groups: ['Africa Group', 'GRULAC'] }),
      title,
      moderators: [moderator],
      status: 'live',
      settings,
    });
  const liveClient = async (user: UserEntity, panelId: string) => {
    const client = await connectLive(api.url, { token: api.tokenFor(user) });
    clients.push(client);
    await client.ok('panel:join', { panelId });
    return client;
  };

  it('should let a delegate file a right of reply to a statement and find it at the end of the list', async () => {
    const panel = await livePanel('Right of reply', { orderPolicy: 'protocol' });
    const panelId = panel.id;
    const mod = await liveClient(moderator, panelId);
    const kenya = await liveClient(people.Kenya, panelId);
    await kenya.ok('floor:request', { panelId, kind: 'statement', note: 'On article 3' });
    await mod.ok('floor:next', { panelId });
    await mod.ok('floor:end', { panelId });
    await (await liveClient(people.Japan, panelId)).ok('floor:request', { panelId, kind: 'statement' });
    await (await liveClient(people['Holy See'], panelId)).ok('floor:request', { panelId, kind: 'statement' });

    const ana = await actor(people.Brazil);
    await ana.page.goto(`/panels/${panelId}/floor`);
    const form = ana.page.getByTestId('request-form');
    await form.getByLabel('Right of reply').check();
    const kenyaSpeech = form.locator('#floor-reply-to option', { hasText: 'Kenya — Statement' });
    await form.getByLabel('In reply to').selectOption((await kenyaSpeech.getAttribute('value'))!);
    await form.getByRole('button', { name: 'Request the floor' }).click();

    // Behind Japan (a member state) and the Holy See (an observer): rights of reply come last.
    await eventually(async () => expect(await ana.page.getByTestId('my-position').textContent()).toBe('3'));
    const mine = ana.page.getByTestId('queue-item').nth(2);
    expect(await mine.textContent()).toContain('Right of reply to Kenya');
    expect(await ana.page.getByTestId('queue-band').allTextContents()).toEqual([
      'Member states',
      'Observers',
      'Rights of reply',
    ]);
    await screenshot(ana.page, 'list-right-of-reply-desktop');

    // The public view says so too.
    const viewer = await actors.open({ viewport: PHONE });
    await viewer.page.goto(`/watch/${panelId}`);
    await eventually(async () =>
      expect(await viewer.page.getByTestId('reply-to').first().textContent()).toBe('Right of reply to Kenya'),
    );
    await screenshot(viewer.page, 'list-right-of-reply-public-phone');
  });

  it('should tell a delegate on deck, read it out, and let them say they are ready', async () => {
    const panel = await livePanel('On deck', { onDeck: 2 });
    const panelId = panel.id;
    for (const country of ['Kenya', 'Japan']) {
      await (await liveClient(people[country], panelId)).ok('floor:request', { panelId, kind: 'statement' });
    }
    const lena = await actor(people.Germany, PHONE);
    await lena.page.goto(`/panels/${panelId}/floor`);
    const form = lena.page.getByTestId('request-form');
    await form.getByLabel('Group statement').check();
    await form.getByLabel('Group', { exact: true }).selectOption('GRULAC');
    await form.getByRole('button', { name: 'Request the floor' }).click();
    await eventually(async () => expect(await lena.page.getByTestId('my-position').textContent()).toBe('3'));
    expect(await lena.page.getByTestId('on-deck-notice').count()).toBe(0);

    const desk = await actor(moderator);
    await desk.page.goto(`/panels/${panelId}/console`);
    await eventually(async () => expect(await desk.page.getByTestId('queue-count').textContent()).toBe('3'));
    await desk.page.getByRole('button', { name: 'Next speaker' }).click();

    const notice = lena.page.getByTestId('on-deck-notice');
    await eventually(async () =>
      expect(await notice.textContent()).toContain('You are number 2 on the list. Get ready to speak.'),
    );
    expect(await lena.page.getByTestId('on-deck-region').getAttribute('aria-live')).toBe('polite');
    // The announcer adds a zero-width space every other time so a repeated message is read out again.
    const spoken = async () =>
      (await lena.page.locator('[aria-live]').allTextContents()).map((t) => t.replace(/\u200b/g, ''));
    await eventually(async () =>
      expect(await spoken()).toContain('You are number 2 on the list. Get ready to speak.'),
    );
    await screenshot(lena.page, 'list-on-deck-phone');
    await lena.page.getByRole('button', { name: 'I am ready' }).click();
    await eventually(async () =>
      expect(
        await lena.page.getByRole('button', { name: 'Not ready yet' }).getAttribute('aria-pressed'),
      ).toBe('true'),
    );

    // The console marks her on deck and ready, and says whom she speaks for.
    const row = desk.page.locator(`[data-testid="queue-item"]`).nth(1);
    await eventually(async () => expect(await row.getByTestId('ready-mark').textContent()).toBe('Ready'));
    expect(await row.getByTestId('on-deck-mark').textContent()).toBe('On deck');
    expect(await row.getByTestId('on-behalf-of').textContent()).toBe('On behalf of GRULAC');
    await screenshot(desk.page, 'list-on-deck-console-desktop');
  });

  it('should show the moderator a delegation’s budget running out, and refuse to grant it more', async () => {
    const panel = await livePanel('Budget', { delegationBudgetSeconds: 3, speakingSeconds: 120 });
    const panelId = panel.id;
    const kenya = await liveClient(people.Kenya, panelId);
    await kenya.ok('floor:request', { panelId, kind: 'statement' });
    const desk = await actor(moderator);
    await desk.page.goto(`/panels/${panelId}/console`);
    await eventually(async () => expect(await desk.page.getByTestId('queue-count').textContent()).toBe('1'));
    const budgets = desk.page.getByTestId('budgets');
    expect(await budgets.getByTestId('budget-row').textContent()).toMatch(/Kenya.*0:00.*0:03/);

    await desk.page.getByRole('button', { name: 'Next speaker' }).click();
    // Three seconds of budget: the clock gives Kenya no more, and time runs out.
    await eventually(
      async () => expect(await desk.page.getByTestId('time-up-alert').count()).toBe(1),
      15_000,
    );
    await desk.page.getByRole('button', { name: 'End speech' }).click();
    const row = budgets.getByTestId('budget-row');
    await eventually(async () => expect(await row.getAttribute('data-exhausted')).toBe('true'));
    expect(await row.textContent()).toContain('exhausted');
    expect(await row.evaluate((el) => getComputedStyle(el.querySelector('td')!).color)).toBe(
      'rgb(176, 32, 27)',
    );

    // Kenya asks again: granting without a time is refused, with the reason.
    await kenya.ok('floor:request', { panelId, kind: 'question' });
    await eventually(async () => expect(await desk.page.getByTestId('queue-count').textContent()).toBe('1'));
    await desk.page.getByRole('button', { name: /^Give the floor/ }).click();
    await eventually(async () =>
      expect(await desk.page.getByRole('alert').first().textContent()).toContain(
        'This delegation has no speaking time left.',
      ),
    );
    const state = (await kenya.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(state.speaker).toBeNull();
    await screenshot(desk.page, 'list-budget-exhausted-desktop');
    await desk.page.setViewportSize(PHONE);
    await screenshot(desk.page, 'list-budget-exhausted-phone');
  });
});
