/*
 * The report pages and the room display in Chromium against the real API: a session with delegations from
 * several regional groups, questions and sampled attendance; the report draws its charts (screenshots on a
 * phone and a desktop), its downloads arrive, the printable summary prints to PDF in French; the room display
 * on a 1080p screen shows the speaker, flag and a running clock that turns amber then red, the next five, the
 * closed list and the question, and comes back after its socket is cut.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PanelEntity, UserEntity } from '@rostrum/database';
import {
  connectLive,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  TcpProxy,
  type LiveTestClient,
  type TestApi,
} from '@rostrum/test-harness';
import { seriousAxeViolations } from './support/axe';
import { ActorPool, eventually, launchBrowser, screenshot, SCREENSHOT_DIR } from './support/browser';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const ROOM_SCREEN = { width: 1920, height: 1080 };
const CHARTS = ['by-delegation', 'by-region', 'waits', 'by-kind', 'attendance', 'questions'];

describe('web app: reports and the room display (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let staff: UserEntity;
  let moderator: UserEntity;
  let reported: PanelEntity;
  let eventId: string;
  const clients: LiveTestClient[] = [];
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );
  const live = async (user: UserEntity | null, panelId: string) => {
    const client = await connectLive(api.url, { token: user ? api.tokenFor(user) : undefined });
    clients.push(client);
    await client.ok('panel:join', { panelId });
    return client;
  };

  const delegations = [
    ['France', 'FRA', 'Group B', 'Claire Martin'],
    ['Brazil', 'BRA', 'GRULAC', 'Ana Pereira'],
    ['Kenya', 'KEN', 'African Group', 'Wanjiru Kamau'],
    ['China', 'CHN', 'China', 'Li Wei'],
    ['Japan', 'JPN', 'Asia and the Pacific Group', 'Haruto Sato'],
    ['Mexico', 'MEX', 'GRULAC', 'Sofía Hernández'],
    ['Germany', 'DEU', 'Group B', 'Jonas Weber'],
  ] as const;
  const delegates: UserEntity[] = [];

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startTestApi({ env: { ATTENDANCE_SAMPLE_MS: '1000' } }),
      launchBrowser(),
    ]);
    staff = await makeUser(api.db, 'staff', { name: 'Sam Okafor' });
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    const event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI — Third Session' });
    eventId = event.id;
    reported = await makePanel(api.db, {
      event,
      title: 'AI-generated works and copyright',
      moderators: [moderator],
      status: 'live',
    });
    for (const [name, code, region, person] of delegations) {
      const d = await makeDelegation(api.db, { name, code, region });
      delegates.push(await makeUser(api.db, 'delegate', { name: person, delegationId: d.id }));
    }

    // A session: five speeches, four questions (two approved, one answered, one dismissed), viewers.
    const p = reported.id;
    const mod = await live(moderator, p);
    const people = [];
    for (const d of delegates.slice(0, 5)) people.push(await live(d, p));
    await live(null, p);
    await live(null, p);
    const kinds = ['statement', 'statement', 'question', 'right_of_reply', 'point_of_order'];
    const spoken = [180, 95, 60, 45, 20];
    let first = '';
    for (const [i, who] of people.entries()) {
      // A right of reply answers the first speech (another delegation's).
      const replyTo = kinds[i] === 'right_of_reply' ? { replyTo: first } : {};
      const { intervention } = await who.ok('floor:request', { panelId: p, kind: kinds[i], ...replyTo });
      first ||= intervention.id;
      await mod.ok('floor:grant', { panelId: p, interventionId: intervention.id });
      await mod.ok('floor:end', { panelId: p });
      await api.db.query(
        `UPDATE interventions SET requested_at = now() - make_interval(secs => $2::int + $3::int),
                started_at = now() - make_interval(secs => $3::int), spoken_seconds = $3::int WHERE id = $1`,
        [intervention.id, 15 + i * 40, spoken[i]],
      );
    }
    const asked = [];
    for (const [i, text] of [
      'Who owns a work an AI helped to write?',
      'Should training data be disclosed?',
      'Is a prompt a creative act?',
      'Off topic',
    ].entries()) {
      asked.push(await people[i].ok('qa:ask', { panelId: p, text }));
    }
    await mod.ok('qa:approve', { panelId: p, questionId: asked[0].id });
    await mod.ok('qa:approve', { panelId: p, questionId: asked[1].id });
    await mod.ok('qa:answered', { panelId: p, questionId: asked[0].id });
    await mod.ok('qa:dismiss', { panelId: p, questionId: asked[3].id });
    // A few sampled minutes of attendance (sampled every second here).
    await eventually(async () => {
      const [{ n }] = await api.db.query(
        'SELECT count(*)::int AS n FROM attendance_samples WHERE panel_id = $1 AND delegates = 5',
        [p],
      );
      expect(n).toBeGreaterThanOrEqual(3);
    }, 20_000);
  }, 60_000);

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    for (const c of clients) c.close();
    await browser?.close();
    await api?.close();
  });

  async function openReport(options: { viewport: { width: number; height: number }; language?: 'fr' }) {
    const actor = await actors.open({ token: api.tokenFor(moderator), ...options });
    await actor.page.goto(`/panels/${reported.id}/report`);
    await chartsDrawn(actor.page);
    return actor;
  }

  /** Every chart has its SVG, with bars (or the attendance areas) in it. */
  async function chartsDrawn(page: Page) {
    await eventually(async () => {
      for (const id of CHARTS) {
        const chart = page.getByTestId(`chart-${id}`);
        const marks = chart.locator(
          'svg.recharts-surface .recharts-bar-rectangle, svg.recharts-surface .recharts-area-area',
        );
        expect(await marks.count()).toBeGreaterThan(0);
      }
    }, 30_000);
  }

  it('should draw the report’s charts on a desktop and a phone, with the figures worked out', async () => {
    const { page } = await openReport({ viewport: DESKTOP });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'AI-generated works and copyright',
    );
    // 180 + 95 + 60 + 45 + 20 = 400 s.
    expect(await page.getByTestId('total-spoken').textContent()).toBe('6:40');
    const bars = page.getByTestId('chart-by-delegation').locator('.recharts-bar-rectangle');
    expect(await bars.count()).toBe(5);
    // The share of each delegation is written at the end of its bar: France 180 of 400 s.
    expect(await page.getByTestId('chart-by-delegation').locator('svg').textContent()).toContain('45%');
    const regions = page.getByTestId('chart-by-region').locator('.recharts-bar-rectangle');
    expect(await regions.count()).toBe(5); // Group B, GRULAC, African Group, China, Asia and the Pacific
    await page.getByTestId('chart-by-delegation').getByText('The chart’s figures').click();
    expect(await page.getByTestId('chart-by-delegation').locator('tbody tr').first().textContent()).toContain(
      'France',
    );
    await screenshot(page, 'report-desktop');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const phone = (await openReport({ viewport: PHONE })).page;
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'report-phone');
  }, 90_000);

  it('should download the floor log, the questions, the per-delegation CSV and the signed record', async () => {
    const { page } = await openReport({ viewport: DESKTOP });
    const download = async (name: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ]);
      const path = await file.path();
      return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
    };
    const log = await download('Floor log (CSV)');
    expect(log.name).toMatch(/^floor-log-ai-generated-works-and-copyright-\d{4}-\d\d-\d\d\.csv$/);
    expect(log.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'seq,at,actor,actorRole,action,interventionId,questionId,detail,hash',
    );
    expect(log.text).toContain('speech:started');
    const questions = await download('Questions (CSV)');
    expect(questions.text).toContain('Who owns a work an AI helped to write?');
    const speaking = await download('Speaking time per delegation (CSV)');
    const rows = speaking.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('delegationId,code,name,region,interventions,spokenSeconds,share');
    expect(rows.slice(1).map((r) => r.split(',').slice(1, 7).join(','))).toEqual([
      'FRA,France,Group B,1,180,0.45',
      'BRA,Brazil,GRULAC,1,95,0.2375',
      'KEN,Kenya,African Group,1,60,0.15',
      'CHN,China,China,1,45,0.1125',
      'JPN,Japan,Asia and the Pacific Group,1,20,0.05',
    ]);
    const record = await download('Signed record of proceedings (JSON)');
    const signed = JSON.parse(record.text) as {
      entries: unknown[];
      signature: string;
      head: { seq: number };
    };
    expect(signed.entries.length).toBe(signed.head.seq);
    expect(signed.signature).toEqual(expect.any(String));
  }, 90_000);

  it('should print the session summary to PDF in French', async () => {
    const { page } = await openReport({ viewport: DESKTOP, language: 'fr' });
    expect(await page.getByRole('button', { name: 'Imprimer le résumé' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('heading', { name: 'Résumé' }).isVisible()).toBe(true);
    const caption = page.locator('figcaption', { hasText: 'Temps de parole par délégation' });
    expect(await caption.isVisible()).toBe(true);
    // The figures are printed under each chart.
    expect(await page.getByTestId('chart-by-delegation').locator('.print-only tbody tr').count()).toBe(5);
    expect(await page.getByTestId('chart-by-delegation').locator('.print-only').isVisible()).toBe(true);
    // The site's header, the buttons and the downloads stay off paper.
    expect(await page.locator('header.header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimer le résumé' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Téléchargements' }).isVisible()).toBe(false);
    await screenshot(page, 'report-print-fr');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'report-summary-fr.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
  }, 90_000);

  it('should show the event’s report to staff, linked from the staff pages and the console', async () => {
    const { page } = await actors.open({ token: api.tokenFor(staff), viewport: DESKTOP });
    await page.goto('/staff/events');
    await page.getByRole('link', { name: /^Event report/ }).click();
    await page.waitForURL(`**/staff/events/${eventId}/report`);
    await page.getByTestId('report').waitFor({ timeout: 30_000 });
    await chartsDrawn(page);
    expect(await page.getByTestId('total-spoken').textContent()).toBe('6:40');
    await page.getByRole('link', { name: 'AI-generated works and copyright' }).click();
    await page.waitForURL(`**/panels/${reported.id}/report`);

    const mod = (await actors.open({ token: api.tokenFor(moderator), viewport: DESKTOP })).page;
    await mod.goto(`/panels/${reported.id}/console`);
    await mod.getByRole('link', { name: 'Report' }).click();
    await mod.waitForURL(`**/panels/${reported.id}/report`);
    await chartsDrawn(mod);
    // Another panel's moderator is refused.
    const other = await makeUser(api.db, 'moderator');
    const refused = (await actors.open({ token: api.tokenFor(other), viewport: DESKTOP })).page;
    await refused.goto(`/panels/${reported.id}/report`);
    await eventually(async () =>
      expect(await refused.getByRole('alert').textContent()).toMatch(/not allowed|permission/i),
    );
  }, 90_000);

  describe('the room display', () => {
    let proxy: TcpProxy;
    let roomPanel: PanelEntity;
    beforeAll(async () => {
      proxy = await new TcpProxy('127.0.0.1', Number(new URL(api.url).port)).start();
      roomPanel = await makePanel(api.db, {
        title: 'Exceptions and limitations for libraries',
        moderators: [moderator],
        status: 'live',
      });
    });
    afterAll(() => proxy?.cut());

    it('should show the speaker, a running clock that turns amber and red, the next five, and recover from a cut', async () => {
      const p = roomPanel.id;
      const mod = await live(moderator, p);
      const people = [];
      for (const d of delegates) people.push(await live(d, p));
      const requests = [];
      for (const [i, who] of people.entries()) {
        requests.push(
          (await who.ok('floor:request', { panelId: p, kind: i === 3 ? 'question' : 'statement' }))
            .intervention,
        );
      }
      const q = await people[1].ok('qa:ask', {
        panelId: p,
        text: 'How should libraries lend e-books across borders?',
      });
      await mod.ok('qa:approve', { panelId: p, questionId: q.id });

      // The room's screen reaches the API only through the proxy, and signs in as nobody.
      const screen = await actors.open({ viewport: ROOM_SCREEN });
      const page = screen.page;
      await page.goto(`${proxy.route(api.url).replace(/\/$/, '')}/display/panels/${p}`);
      await eventually(async () =>
        expect(await page.getByTestId('display-next').locator('li').count()).toBe(5),
      );
      expect(await page.getByTestId('display-speaker').textContent()).toContain('Nobody has the floor');

      // France gets the floor for 20 s: amber for the last 5 s (a quarter), red after.
      await mod.ok('floor:grant', { panelId: p, interventionId: requests[0].id, seconds: 20 });
      const clock = page.getByTestId('speaker-clock');
      await eventually(async () => {
        expect(await page.getByTestId('display-delegation').textContent()).toBe('France');
        expect(await clock.getAttribute('data-tone')).toBe('normal');
      });
      expect(await page.getByTestId('display-name').textContent()).toContain('Claire Martin');
      expect(await page.getByTestId('display-delegation').getByTestId('flag').getAttribute('data-flag')).toBe(
        'fr',
      );
      const first = await clock.getByRole('timer').textContent();
      await eventually(async () => expect(await clock.getByRole('timer').textContent()).not.toBe(first));
      expect(await page.getByTestId('display-question').textContent()).toContain('e-books across borders');
      expect(await page.getByTestId('display-next').locator('li').count()).toBe(5);
      await screenshot(page, 'room-display-1080p');
      // Readable from the back of the room: the digits stand at least a fifth of the screen's height.
      const digits = await clock.getByRole('timer').boundingBox();
      expect(digits!.height).toBeGreaterThan(ROOM_SCREEN.height / 5);
      await eventually(async () => expect(await clock.getAttribute('data-tone')).toBe('warning'), 25_000);
      await screenshot(page, 'room-display-amber');
      await eventually(async () => expect(await clock.getAttribute('data-tone')).toBe('overtime'), 15_000);
      await screenshot(page, 'room-display-red');

      // The network drops: the screen says so; meanwhile Brazil gets the floor and the list closes.
      await proxy.cut();
      await eventually(
        async () => expect(await page.getByTestId('connection-lost').isVisible()).toBe(true),
        15_000,
      );
      await screenshot(page, 'room-display-offline');
      await mod.ok('floor:grant', { panelId: p, interventionId: requests[1].id });
      await mod.ok('queue:close', { panelId: p });
      await proxy.start();
      await eventually(async () => {
        expect(await page.getByTestId('display-delegation').textContent()).toBe('Brazil');
        expect(await page.getByTestId('list-closed').textContent()).toBe('The list of speakers is closed');
      }, 20_000);
      expect(await page.getByTestId('connection-lost').count()).toBe(0);
      expect(await clock.getAttribute('data-tone')).toBe('normal');
      await screenshot(page, 'room-display-recovered');
    }, 90_000);
  });
});
