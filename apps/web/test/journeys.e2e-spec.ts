/*
 * The site as each person meets it (issue 12), in Chromium against the real API: who may open which panel
 * page, bad links, the ended panel, errors in the user's language, phone layouts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { RecordingEntity, type EventEntity, type PanelEntity, type UserEntity } from '@rostrum/database';
import {
  connectLive,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import { seriousAxeViolations } from './support/axe';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

describe('web app: journeys of each person (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let marta: UserEntity; // moderates panel A
  let omar: UserEntity; // moderates panel B
  let pavel: UserEntity; // panelist on panel A
  let ana: UserEntity; // delegate
  let event: EventEntity;
  let panelA: PanelEntity;
  let panelB: PanelEntity;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    marta = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    omar = await makeUser(api.db, 'moderator', { name: 'Omar Haddad' });
    pavel = await makeUser(api.db, 'panelist', { name: 'Pavel Novak' });
    const brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    ana = await makeUser(api.db, 'delegate', { name: 'Ana Pereira', delegationId: brazil.id });
    event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI — Third Session' });
    panelA = await makePanel(api.db, {
      event,
      title: 'AI-generated works and copyright',
      moderators: [marta],
      panelists: [pavel],
    });
    panelB = await makePanel(api.db, { event, title: 'Data in a fully connected world', moderators: [omar] });
  });

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const actor = (user?: UserEntity, options: Parameters<ActorPool['open']>[0] = {}) =>
    actors.open({ ...options, token: user ? api.tokenFor(user) : undefined });
  const heading = async (page: import('playwright-core').Page) =>
    eventually(async () => {
      const text = await page.getByRole('heading', { level: 1 }).textContent();
      expect(text).not.toBe('Loading…');
      return text;
    });

  describe('who may open which panel page (item 9)', () => {
    it('should show a delegate who opens a console link a clear page, not the console', async () => {
      const { page } = await actor(ana);
      await page.goto(`/panels/${panelA.id}/console`);
      expect(await heading(page)).toBe('You are not a moderator of this panel');
      expect(await page.getByRole('button', { name: 'Go live' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Next speaker' }).count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, 'console-not-a-moderator');
      await page.getByRole('link', { name: 'Take part' }).click();
      await page.waitForURL(`**/panels/${panelA.id}/floor`);
      expect(await heading(page)).toBe('AI-generated works and copyright');
    });

    it('should not offer moderator 1 "Go live" on panel 2', async () => {
      const { page } = await actor(marta);
      await page.goto(`/panels/${panelB.id}/console`);
      expect(await heading(page)).toBe('You are not a moderator of this panel');
      expect(await page.getByRole('button', { name: 'Go live' }).count()).toBe(0);
      await page.goto(`/panels/${panelA.id}/console`);
      await page.getByRole('button', { name: 'Go live' }).waitFor();
    });

    it('should offer a panelist "Join the panel" only on their own panels', async () => {
      const { page } = await actor(pavel);
      await page.goto('/');
      const card = (title: string) => page.getByTestId('programme-panel').filter({ hasText: title });
      await card('AI-generated works').getByRole('link', { name: 'Join the panel' }).waitFor();
      expect(await card('Data in a fully connected world').getByTestId('take-part').count()).toBe(0);
      await page.goto(`/panels/${panelB.id}/floor`);
      expect(await heading(page)).toBe('You do not take part in this panel');
      await page.getByRole('link', { name: 'Watch the panel' }).waitFor();
    });

    it.each([
      ['the console', () => `/panels/${randomUUID()}/console`],
      ['the floor page', () => '/panels/not-a-panel/floor'],
      ['the watch page', () => `/watch/${randomUUID()}`],
    ])('should say "not found" for a bad link to %s instead of loading for ever', async (_, path) => {
      const { page } = await actor(marta);
      await page.goto(path());
      expect(await heading(page)).toBe('Panel not found');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Programme' }).first().waitFor();
    });
  });

  describe('the ended panel (item 7)', () => {
    it('should tell the delegate and the public that the panel has ended, link its recording once published, and not leave a question pending', async () => {
      const panel = await makePanel(api.db, {
        event,
        title: 'Data as an IP asset',
        moderators: [marta],
        status: 'live',
      });
      const asker = await connectLive(api.url, { token: api.tokenFor(ana) });
      await asker.ok('panel:join', { panelId: panel.id });
      await asker.ok('qa:ask', { panelId: panel.id, text: 'Who owns machine-generated data?' });
      asker.close();
      await request(api.url)
        .post(`/api/panels/${panel.id}/end`)
        .set('Authorization', `Bearer ${api.tokenFor(marta)}`)
        .expect(200);

      const delegate = await actor(ana);
      await delegate.page.goto(`/panels/${panel.id}/floor`);
      const ended = delegate.page.getByTestId('panel-ended');
      expect(await ended.getByRole('heading').textContent()).toBe('This panel has ended.');
      expect(await ended.textContent()).toContain('Its recording will be in the archive');
      expect(await delegate.page.getByText('requests open when it starts').count()).toBe(0);
      const mine = delegate.page.getByRole('heading', { name: /Your questions/ });
      expect(await mine.textContent()).toBe('Your questions not taken up before the panel ended');
      const question = delegate.page.getByTestId('my-pending-questions').getByTestId('question');
      expect(await question.textContent()).toContain('Not taken up');
      expect(await question.textContent()).not.toContain('Awaiting moderation');
      // Nothing left to ask for on an ended panel.
      expect(await delegate.page.getByRole('button', { name: 'Request the floor' }).count()).toBe(0);
      expect(await delegate.page.getByRole('button', { name: 'Send question' }).count()).toBe(0);
      expect(await seriousAxeViolations(delegate.page)).toEqual([]);
      await screenshot(delegate.page, 'delegate-panel-ended');

      const watcher = await actor();
      await watcher.page.goto(`/watch/${panel.id}`);
      await watcher.page.getByTestId('panel-ended').waitFor();
      expect(await watcher.page.getByText('the webcast starts when').count()).toBe(0);
      expect(await watcher.page.getByTestId('webcast-offair').textContent()).toContain('the webcast is over');
      expect(await seriousAxeViolations(watcher.page)).toEqual([]);

      // Once the secretariat publishes the recording, both pages link to it.
      const recording = await api.db.getRepository(RecordingEntity).save({
        panelId: panel.id,
        eventId: panel.eventId,
        title: 'Data as an IP asset — full session',
        status: 'ready',
        source: 'import',
        published: true,
        startedAt: new Date(),
      });
      await watcher.page.reload();
      await watcher.page.getByRole('link', { name: /Watch the recording/ }).click();
      await watcher.page.waitForURL(`**/archive?play=${recording.id}`);
      expect(await watcher.page.locator('#playing-title').textContent()).toBe(
        'Data as an IP asset — full session',
      );
      await delegate.page.reload();
      await delegate.page.getByRole('link', { name: /Watch the recording/ }).waitFor();
    });
  });

  describe('errors in the user’s language (item 11)', () => {
    it.each([
      ['fr', 'Certaines informations ne sont pas valides.'],
      ['zh', '部分信息无效。'],
    ] as const)(
      'should show a refused form in %s only, without the server’s English',
      async (language, text) => {
        const staff = await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' });
        const { page } = await actor(staff, { language });
        await page.goto('/staff/delegations');
        const form = page.getByTestId('delegation-form');
        await form.locator('input').nth(0).fill('Brésil');
        await form.locator('input').nth(1).fill('BR1'); // the code: not an ISO alpha-3 code
        await form.locator('button[type=submit]').click();
        await eventually(async () => expect(await form.getByRole('alert').textContent()).toBe(text));
      },
    );
  });

  describe('small things (item 13)', () => {
    it('should count the interaction window down between changes', async () => {
      const panel = await makePanel(api.db, {
        event,
        moderators: [marta],
        status: 'live',
        settings: { interactionWindowSeconds: 1800 },
      });
      const { page } = await actor(marta);
      await page.goto(`/panels/${panel.id}/console`);
      const remaining = page.getByTestId('window-remaining');
      const first = await eventually(async () => {
        const text = await remaining.textContent();
        expect(text).toMatch(/^(30:00|29:\d\d)$/);
        return text;
      });
      // Nothing changes on the floor meanwhile: the console counts down by itself.
      await eventually(async () => expect(await remaining.textContent()).not.toBe(first), 4000);
    });

    it('should let staff import a recording from a file on the server into the archive', async () => {
      const staff = await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' });
      mkdirSync(join(api.config.recordingsDir, 'imports'), { recursive: true });
      writeFileSync(join(api.config.recordingsDir, 'imports/camera-a.mp4'), Buffer.alloc(1024));
      const { page } = await actor(staff);
      await page.goto('/staff/archive');
      const form = page.getByTestId('import-form');
      await form
        .getByLabel('Panel', { exact: true })
        .selectOption({ label: 'AI-generated works and copyright' });
      await form.getByLabel('File on the server').fill('imports/no-such-file.mp4');
      await form.getByRole('button', { name: 'Import' }).click();
      await eventually(async () =>
        expect(await form.getByRole('alert').textContent()).toContain(
          'Some of the information is not valid.',
        ),
      );

      await form.getByLabel('File on the server').fill('imports/camera-a.mp4');
      await form.getByLabel(/^Title/).fill('Copyright panel — camera A');
      await form.getByRole('button', { name: 'Import' }).click();
      await form.getByRole('status').filter({ hasText: 'Copyright panel — camera A' }).waitFor();
      const row = page.getByTestId('recording-row').filter({ hasText: 'Copyright panel — camera A' });
      expect(await row.getByTestId('recording-status').textContent()).toBe('Processing');
      const saved = await api.db
        .getRepository(RecordingEntity)
        .findOneByOrFail({ title: 'Copyright panel — camera A' });
      expect(saved).toMatchObject({ panelId: panelA.id, source: 'import', status: 'processing' });
    });
  });
});
