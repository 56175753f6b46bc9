import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WebcastTokenView } from '@rostrum/contracts';
import { InterventionEntity, type PanelEntity, type UserEntity } from '@rostrum/database';
import {
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

/**
 * Simultaneous interpretation in the site (issue 17), in Chromium on the real API and /live socket: the
 * interpreter's console (take, release, who is on air, booth mates, the warning while one's microphone is
 * live, the speaker and the next speakers) and the viewer's language menu on the watch, floor and console
 * pages (the channels the token answer lists, the choice remembered in this browser). LiveKit itself cannot
 * run here: the console works without it, and the menu is fed a token answer as the API gives it with LiveKit.
 */
describe('web app: interpreter’s console and language menu (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let panel: PanelEntity;
  let moderator: UserEntity;
  let delegate: UserEntity;
  let amelie: UserEntity;
  let bo: UserEntity;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    const db = api.db;
    moderator = await makeUser(db, 'moderator', { name: 'Marta Lindqvist' });
    const event = await makeEvent(db, {
      title: 'WIPO Conversation on IP and AI — Fifth Session',
      languages: ['en', 'fr', 'zh'],
    });
    panel = await makePanel(db, {
      event,
      title: 'Data as an IP asset',
      moderators: [moderator],
      status: 'live',
    });
    amelie = await makeUser(db, 'interpreter', { name: 'Amélie Interprète' });
    bo = await makeUser(db, 'interpreter', { name: 'Bo Yang' });
    const staff = await makeUser(db, 'staff');
    const put = await fetch(`${api.url}/api/events/${event.id}/booths/fr`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${api.tokenFor(staff)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ interpreterIds: [amelie.id, bo.id] }),
    });
    expect(put.status).toBe(200);

    // Brazil speaks; Egypt and Japan wait: the interpreters see both.
    const speakers = [
      ['Brazil', 'BRA', 'Ana Pereira'],
      ['Egypt', 'EGY', 'Omar Haddad'],
      ['Japan', 'JPN', 'Kenji Sato'],
    ];
    for (const [index, [name, code, person]] of speakers.entries()) {
      const delegation = await makeDelegation(db, { name, code });
      const user = await makeUser(db, 'delegate', { name: person, delegationId: delegation.id });
      if (index === 0) delegate = user;
      await db.getRepository(InterventionEntity).save({
        panelId: panel.id,
        delegateId: user.id,
        delegationId: delegation.id,
        kind: 'statement',
        ...(index === 0
          ? { status: 'speaking', startedAt: new Date(), allottedSeconds: 180 }
          : { status: 'queued', queuePosition: index }),
      } as InterventionEntity);
    }
  }, 120_000);

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const consoleOf = async (user: UserEntity, viewport = VIEWPORTS[1]) => {
    const actor = await actors.open({ token: api.tokenFor(user), viewport });
    await actor.page.goto(`/interpret/panels/${panel.id}`);
    await actor.page.getByTestId('booth-take').waitFor();
    return actor.page;
  };
  const mates = async (page: Page) =>
    (await page.getByTestId('booth-mates').locator('li').allTextContents()).map((s) => s.trim());

  for (const viewport of VIEWPORTS) {
    it(`should let an interpreter take and release the booth’s microphone, booth mates seeing it live (${viewport.name})`, async () => {
      const a = await consoleOf(amelie, viewport);
      expect(await a.getByTestId('booth-live').textContent()).toContain('Nobody is on air');
      expect(await a.getByTestId('on-air-warning').count()).toBe(0);
      // The speaker with the clock, and who comes next.
      expect(await a.getByTestId('speaker-name').textContent()).toContain('Ana Pereira');
      await a.getByTestId('speaker-clock').waitFor();
      expect(await a.getByTestId('next-speakers').textContent()).toMatch(/Egypt[\s\S]*Japan/);

      const b = await consoleOf(bo, viewport);
      await eventually(async () => expect(await mates(a)).toEqual(['Amélie Interprète (you)', 'Bo Yang']));
      expect(await mates(b)).toEqual(['Amélie Interprète', 'Bo Yang (you)']);

      await a.getByTestId('booth-take').click();
      await a.getByTestId('on-air-warning').waitFor();
      expect(await a.getByTestId('on-air-warning').textContent()).toContain('You are on air');
      expect(await a.getByTestId('booth-release').isVisible()).toBe(true);
      await eventually(async () =>
        expect(await b.getByTestId('booth-live').textContent()).toContain('Amélie Interprète'),
      );
      expect(await b.getByTestId('on-air-warning').count()).toBe(0);
      await screenshot(a, `interpreter-console-on-air-${viewport.name}`);
      await screenshot(b, `interpreter-console-mate-${viewport.name}`);

      // Bo takes over: Amélie is cut at once, and told.
      await b.getByTestId('booth-take').click();
      await b.getByTestId('on-air-warning').waitFor();
      await eventually(async () => expect(await a.getByTestId('on-air-warning').count()).toBe(0));
      expect(await a.getByTestId('booth-live').textContent()).toContain('Bo Yang');
      expect(await a.getByTestId('booth-take').isEnabled()).toBe(true);

      await b.getByTestId('booth-release').click();
      await eventually(async () =>
        expect(await a.getByTestId('booth-live').textContent()).toContain('Nobody is on air'),
      );
      expect(await b.getByTestId('on-air-warning').count()).toBe(0);
      await screenshot(a, `interpreter-console-${viewport.name}`);
    });
  }

  it('should show the panel’s moderator every booth and who is on air in it', async () => {
    const mod = await actors.open({ token: api.tokenFor(moderator) });
    await mod.page.goto(`/panels/${panel.id}/console`);
    const overview = mod.page.getByTestId('booths-overview');
    await overview.waitFor();
    expect(await overview.locator('li').allTextContents()).toEqual([
      'English nobody on air · 0 interpreters online',
      'French nobody on air · 0 interpreters online',
      'Chinese nobody on air · 0 interpreters online',
    ]);
    const a = await consoleOf(amelie);
    await a.getByTestId('booth-take').click();
    await eventually(async () =>
      expect(await mod.page.getByTestId('booth-fr').textContent()).toBe(
        'French ● on air: Amélie Interprète · 1 interpreter online',
      ),
    );
    // The overview shares the console's connection: the moderator is counted once, the interpreter too.
    await eventually(async () =>
      expect(await mod.page.getByTestId('presence').textContent()).toMatch(/Moderators\s*1.*Public\s*1/),
    );
    await screenshot(mod.page, 'booths-overview-console');
    await a.getByTestId('booth-release').click();
    await eventually(async () =>
      expect(await mod.page.getByTestId('booth-fr').textContent()).toContain('nobody on air'),
    );
  });

  it('should lead an interpreter from the programme to the booth, and record relay in the booth', async () => {
    const { page } = await actors.open({ token: api.tokenFor(amelie), language: 'fr' });
    await page.goto('/');
    await page.getByTestId('open-booth').click();
    await page.getByTestId('booth-take').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Data as an IP asset');
    expect(await page.locator('.eyebrow').first().textContent()).toContain('cabine français');
    await page.getByTestId('booth-relay').selectOption('zh');
    await eventually(async () =>
      expect(await page.getByTestId('booth-hearing').textContent()).toContain('La cabine chinois (relais)'),
    );
    await page.getByTestId('booth-relay').selectOption('floor');
    await eventually(async () =>
      expect(await page.getByTestId('booth-hearing').textContent()).toContain('La salle'),
    );
    await screenshot(page, 'interpreter-console-fr');
  });

  for (const viewport of VIEWPORTS) {
    it(`should offer the floor and the event’s languages, remembering the choice on every page (${viewport.name})`, async () => {
      const viewer = await actors.open({ viewport });
      await withInterpretationChannels(viewer.context);
      await viewer.page.goto(`/watch/${panel.id}`);
      const menu = viewer.page.getByTestId('language-menu');
      await menu.waitFor();
      expect(await menu.locator('option').allTextContents()).toEqual([
        'Floor (original sound)',
        'English — no interpreter yet',
        'French — interpretation',
        'Chinese — no interpreter yet',
      ]);
      expect(await menu.locator('select').inputValue()).toBe('floor');
      await menu.locator('select').selectOption('fr');
      await viewer.page.reload();
      await viewer.page.getByTestId('language-menu').waitFor();
      expect(await viewer.page.getByTestId('language-menu').locator('select').inputValue()).toBe('fr');
      await screenshot(viewer.page, `language-menu-watch-${viewport.name}`);
    });
  }

  it('should show the language menu on the delegate’s and the moderator’s pages, each remembering its visitor’s choice', async () => {
    const del = await actors.open({ token: api.tokenFor(delegate) });
    await withInterpretationChannels(del.context);
    await del.page.goto(`/panels/${panel.id}/floor`);
    const menu = del.page.getByTestId('language-menu');
    await menu.waitFor();
    await menu.locator('select').selectOption('zh');
    await del.page.goto(`/watch/${panel.id}`); // another page, the same visitor: the same channel
    await del.page.getByTestId('language-menu').waitFor();
    expect(await del.page.getByTestId('language-menu').locator('select').inputValue()).toBe('zh');

    const mod = await actors.open({ token: api.tokenFor(moderator), language: 'zh' });
    await withInterpretationChannels(mod.context);
    await mod.page.goto(`/panels/${panel.id}/console`);
    await mod.page.getByTestId('language-menu').waitFor();
    // Another visitor: nothing chosen yet, the floor.
    expect(await mod.page.getByTestId('language-menu').locator('select').inputValue()).toBe('floor');
    expect(await mod.page.getByTestId('language-menu').locator('option').first().textContent()).toBe(
      '会场（原声）',
    );
    await screenshot(mod.page, 'language-menu-console-zh');
  });

  /**
   * The token answer as the API gives it with LiveKit configured (this server has none): the floor, and the
   * event's three languages, French being interpreted. Its LiveKit address is a socket on this page's own
   * origin that never answers: the room stays connecting, the menu works all the same.
   */
  async function withInterpretationChannels(context: BrowserContext): Promise<void> {
    const origin = api.url.replace(/^http/, 'ws');
    await context.route(/\/api\/(public\/)?panels\/[^/]+\/webcast\/token$/, (route) => {
      const body: WebcastTokenView = {
        url: `${origin}/livekit-stand-in`,
        token: 'stand-in',
        room: `panel-${panel.id}`,
        identity: 'viewer',
        canPublish: false,
        channels: [
          { language: 'floor', live: true },
          { language: 'en', live: false },
          { language: 'fr', live: true },
          { language: 'zh', live: false },
        ],
      };
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    });
  }
});
