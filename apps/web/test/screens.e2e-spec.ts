/*
 * The three live pages (moderator console, delegate's floor page, public watch page) on a phone, a tablet and
 * a desktop, against the real API with a speaker, a queue and questions: no sideways scrolling, the speaker
 * and clock near the top on a phone, zero serious or critical axe-core violations, and screenshots in
 * test-artifacts/screenshots for people to look at.
 */
import type { Browser, Page } from 'playwright-core';
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
import { seriousAxeViolations } from './support/axe';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

const SCREENS = {
  phone: { width: 390, height: 844 },
  tablet: { width: 768, height: 1024 },
  desktop: { width: 1440, height: 900 },
} as const;

describe('web app: live pages on phone, tablet and desktop (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let moderator: UserEntity;
  let waiting: UserEntity;
  let panel: PanelEntity;
  const clients: LiveTestClient[] = [];
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    const event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI — Third Session' });
    panel = await makePanel(api.db, {
      event,
      title: 'AI-generated works and copyright: who owns the output of a machine?',
      moderators: [moderator],
      status: 'live',
    });
    // Kenya has the floor; Brazil, Japan and the United Kingdom wait; a question is approved.
    const people: UserEntity[] = [];
    for (const [name, country, code] of [
      ['Wanjiru Kamau', 'Kenya', 'KEN'],
      ['Ana Pereira', 'Brazil', 'BRA'],
      ['Haruto Sato', 'Japan', 'JPN'],
      ['Oliver Bennett', 'United Kingdom of Great Britain and Northern Ireland', 'GBR'],
    ]) {
      const delegation = await makeDelegation(api.db, { name: country, code });
      people.push(await makeUser(api.db, 'delegate', { name, delegationId: delegation.id }));
    }
    waiting = people[1];
    const mod = await live(moderator);
    for (const [i, person] of people.entries()) {
      const client = await live(person);
      await client.ok('floor:request', {
        panelId: panel.id,
        kind: i === 2 ? 'question' : 'statement', // (a right of reply needs a speech to answer)
        note: i === 1 ? 'On moral rights of authors' : undefined,
      });
    }
    const asked = await clients[2].ok('qa:ask', {
      panelId: panel.id,
      text: 'Should AI-generated works enter the public domain?',
    });
    await mod.ok('qa:approve', { panelId: panel.id, questionId: asked.id });
    await mod.ok('floor:next', { panelId: panel.id });
  });

  async function live(user: UserEntity): Promise<LiveTestClient> {
    const client = await connectLive(api.url, { token: api.tokenFor(user) });
    clients.push(client);
    await client.ok('panel:join', { panelId: panel.id });
    return client;
  }

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    for (const c of clients) c.close();
    await browser?.close();
    await api?.close();
  });

  const pages = {
    console: { user: () => moderator, path: () => `/panels/${panel.id}/console` },
    delegate: { user: () => waiting, path: () => `/panels/${panel.id}/floor` },
    watch: { user: () => undefined, path: () => `/watch/${panel.id}` },
  };

  async function open(which: keyof typeof pages, screen: keyof typeof SCREENS): Promise<Page> {
    const user = pages[which].user();
    const { page } = await actors.open({
      token: user ? api.tokenFor(user) : undefined,
      viewport: SCREENS[screen],
    });
    await page.goto(pages[which].path());
    await eventually(async () =>
      expect(await page.getByTestId('speaker-clock').getByRole('timer').count()).toBe(1),
    );
    return page;
  }

  /** The elements that stick out past the right edge (the page would scroll sideways), if any. */
  const sidewaysOverflow = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${el.className} → ${Math.round(el.getBoundingClientRect().right)}`,
        )
        .slice(0, 8);
    });

  describe.each(Object.keys(SCREENS) as (keyof typeof SCREENS)[])('on a %s', (screen) => {
    it.each(Object.keys(pages) as (keyof typeof pages)[])(
      'should fit the %s page without sideways scrolling and with no serious accessibility violation',
      async (which) => {
        const page = await open(which, screen);
        await screenshot(page, `${which}-${screen}`);
        expect(await sidewaysOverflow(page)).toEqual([]);
        expect(await seriousAxeViolations(page)).toEqual([]);
      },
    );
  });

  it('should show the delegate on a phone who speaks and the clock within the first screen, before their own request', async () => {
    const page = await open('delegate', 'phone');
    const clock = await page.getByTestId('speaker-clock').boundingBox();
    expect(clock!.y + clock!.height).toBeLessThanOrEqual(SCREENS.phone.height);
    // Before the delegate's own request, which follows at once.
    const speaker = await page.getByTestId('speaker-delegation').boundingBox();
    const request = await page.getByTestId('my-request').boundingBox();
    expect(speaker!.y).toBeLessThan(request!.y);
  });
});
