import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { EventEntity, InterventionEntity, PanelEntity, RecordingEntity, UserEntity } from '@rostrum/database';
import {
  makeDelegation,
  makeEvent,
  makePanel,
  makeTestVideo,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

/**
 * Content in the visitor's language (issue 17): titles, themes and guiding questions from the translations,
 * the original where there is none; delegation names from their ISO code; chapter titles per language; and the
 * staff forms that edit the translations.
 */
describe('web app: translated content and interpretation booths (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let staff: UserEntity;
  let translated: PanelEntity;
  let untranslated: PanelEntity;
  let event: EventEntity;
  let recordingId: string;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    staff = await makeUser(api.db, 'staff');
    const moderator = await makeUser(api.db, 'moderator');
    event = await makeEvent(api.db, {
      title: 'WIPO Conversation on IP and AI — Fourth Session',
      description: 'Themed expert panels.',
      translations: { fr: { title: 'Dialogue de l’OMPI sur la PI et l’IA — Quatrième session' } },
    });
    translated = await makePanel(api.db, {
      event,
      title: 'Data as an IP asset',
      moderators: [moderator],
      status: 'live',
    });
    await api.db.getRepository(PanelEntity).update(translated.id, {
      theme: 'Beyond artificial intelligence',
      guidingQuestions: ['Should data be protected?'],
      translations: {
        fr: {
          title: 'Les données, un actif de propriété intellectuelle',
          theme: 'Au-delà de l’intelligence artificielle',
          guidingQuestions: ['Faut-il protéger les données ?'],
        },
      },
    });
    // Translated into Chinese only: a French visitor sees the original.
    untranslated = await makePanel(api.db, {
      event,
      title: 'Copyright and AI outputs',
      moderators: [moderator],
    });
    await api.db
      .getRepository(PanelEntity)
      .update(untranslated.id, { translations: { zh: { title: '版权与人工智能产出' } } });

    // China has the floor; its name follows the visitor's language.
    const china = await makeDelegation(api.db, { name: 'China', code: 'CHN' });
    const li = await makeUser(api.db, 'delegate', { name: 'Li Wei', delegationId: china.id });
    const speech = await api.db.getRepository(InterventionEntity).save({
      panelId: translated.id,
      delegateId: li.id,
      delegationId: china.id,
      kind: 'statement',
      status: 'speaking',
      startedAt: new Date(),
      allottedSeconds: 180,
    } as InterventionEntity);

    // A published recording of the panel whose chapter is China's statement.
    const recording = await api.db.getRepository(RecordingEntity).save({
      panelId: translated.id,
      eventId: event.id,
      title: 'Data as an IP asset',
      status: 'ready',
      source: 'import',
      published: true,
      durationSeconds: 2,
      chapters: [{ startSeconds: 0, endSeconds: 2, title: 'China — Statement', interventionId: speech.id }],
    });
    recordingId = recording.id;
    mkdirSync(api.config.archiveDir, { recursive: true });
    const video = join(api.config.archiveDir, `${recording.id}.mp4`);
    await makeTestVideo(video, { seconds: 2, width: 160, height: 90, faststart: true });
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      video,
      '-frames:v',
      '1',
      video.replace(/mp4$/, 'jpg'),
    ]);
    await api.db
      .getRepository(RecordingEntity)
      .update(recording.id, { videoFile: `${recording.id}.mp4`, posterFile: `${recording.id}.jpg` });
  }, 120_000);

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    if (api) rmSync(dirname(api.config.archiveDir), { recursive: true, force: true });
  });

  for (const viewport of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1280, height: 800 },
  ]) {
    it(`should show a French visitor the French title and theme, and the original where none exists (${viewport.name})`, async () => {
      const { page } = await actors.open({ language: 'fr', viewport });
      await page.goto('/');
      const panel = page.getByTestId('programme-panel').filter({ hasText: 'Les données' });
      await panel.waitFor();
      expect(await page.getByRole('heading', { level: 2, name: /Quatrième session/ }).isVisible()).toBe(true);
      expect(await panel.getByRole('heading', { level: 3 }).textContent()).toBe(
        'Les données, un actif de propriété intellectuelle',
      );
      expect(await panel.textContent()).toContain('Au-delà de l’intelligence artificielle');
      expect(await panel.textContent()).toContain('Faut-il protéger les données ?');
      expect(await panel.textContent()).not.toContain('Data as an IP asset');
      // No French translation: the original title; its Chinese one is not shown to a French visitor.
      const fallback = page.getByTestId('programme-panel').filter({ hasText: 'Copyright and AI outputs' });
      expect(await fallback.textContent()).not.toContain('版权');
      await screenshot(page, `translations-programme-fr-${viewport.name}`);

      await page.goto(`/watch/${translated.id}`);
      await eventually(async () =>
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
          'Les données, un actif de propriété intellectuelle',
        ),
      );
      expect(await page.locator('.lead').first().textContent()).toBe(
        'Au-delà de l’intelligence artificielle',
      );
      await eventually(async () =>
        expect(await page.getByTestId('speaker-delegation').textContent()).toBe('ChineCHN'),
      );
      await screenshot(page, `translations-watch-fr-${viewport.name}`);
    });
  }

  it('should show a Chinese visitor the Chinese title, and the English visitor the original', async () => {
    const zh = await actors.open({ language: 'zh' });
    await zh.page.goto('/');
    await zh.page.getByTestId('programme-panel').filter({ hasText: '版权与人工智能产出' }).waitFor();
    // The other panel has no Chinese translation: its original title.
    expect(
      await zh.page.getByTestId('programme-panel').filter({ hasText: 'Data as an IP asset' }).count(),
    ).toBe(1);
    const en = await actors.open({ language: 'en' });
    await en.page.goto(`/watch/${translated.id}`);
    await eventually(async () =>
      expect(await en.page.getByRole('heading', { level: 1 }).textContent()).toBe('Data as an IP asset'),
    );
    await eventually(async () =>
      expect(await en.page.getByTestId('speaker-delegation').textContent()).toBe('ChinaCHN'),
    );
  });

  it('should list the chapters of the archive in the visitor’s language', async () => {
    const { page } = await actors.open({ language: 'fr' });
    await page.goto(`/archive?play=${recordingId}`);
    await page
      .getByRole('heading', { level: 2, name: 'Les données, un actif de propriété intellectuelle' })
      .first()
      .waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('chapter').textContent()).toContain('Chine — Déclaration'),
    );
    await screenshot(page, 'translations-archive-fr');
  });

  it('should let staff edit a panel’s and an event’s translations side by side with the original', async () => {
    const { page } = await actors.open({
      token: api.tokenFor(staff),
      viewport: { width: 1280, height: 800 },
    });
    await page.goto(`/staff/panels/${untranslated.id}/edit`);
    const editor = page.getByTestId('translations-editor');
    await editor.getByLabel('Language').selectOption({ label: 'Chinese' });
    await eventually(async () =>
      expect(await editor.getByLabel('Title · Translation (Chinese)').inputValue()).toBe(
        '版权与人工智能产出',
      ),
    );
    expect(await editor.textContent()).toContain('Copyright and AI outputs'); // the original beside it
    await editor.getByLabel('Language').selectOption({ label: 'French' });
    await editor
      .getByLabel('Title · Translation (French)')
      .fill('Le droit d’auteur et les productions de l’IA');
    await editor
      .getByLabel(/^Guiding questions .* Translation \(French\)/)
      .fill('Qui est l’auteur ?\n\nQui paie ?');
    await screenshot(page, 'translations-panel-form');
    await page.getByTestId('panel-form').getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Panel saved.').waitFor();
    await eventually(async () => {
      const row = await api.db.getRepository(PanelEntity).findOneByOrFail({ id: untranslated.id });
      expect(row.translations).toEqual({
        zh: { title: '版权与人工智能产出' },
        fr: {
          title: 'Le droit d’auteur et les productions de l’IA',
          guidingQuestions: ['Qui est l’auteur ?', 'Qui paie ?'],
        },
      });
    });

    await page.goto('/staff/events');
    const card = page.getByTestId('staff-event').filter({ hasText: 'Fourth Session' });
    await card.getByTestId('event-translations').locator('summary').click();
    const eventEditor = card.getByTestId('translations-editor');
    await eventEditor.getByLabel('Language').selectOption({ label: 'Chinese' });
    await eventEditor.getByLabel('Title · Translation (Chinese)').fill('第四届会议');
    await card.getByRole('button', { name: 'Save translations' }).click();
    await card.getByText('Translations saved.').waitFor();
    const row = await api.db.getRepository(EventEntity).findOneByOrFail({ id: event.id });
    expect(row.translations).toEqual({
      fr: { title: 'Dialogue de l’OMPI sur la PI et l’IA — Quatrième session' },
      zh: { title: '第四届会议' },
    });
  });

  it('should let staff put interpreters in an event’s booths', async () => {
    const amelie = await makeUser(api.db, 'interpreter', { name: 'Amélie Interprète' });
    const { page } = await actors.open({ token: api.tokenFor(staff), viewport: { width: 390, height: 844 } });
    await page.goto('/staff/events');
    const card = page.getByTestId('staff-event').filter({ hasText: 'Fourth Session' });
    await card.getByTestId('event-booths').locator('summary').click();
    const french = card
      .getByTestId('booth-form')
      .filter({ has: page.getByRole('group', { name: 'Booth: French' }) });
    await french.getByLabel('Find by name or email').fill('amélie');
    await french.getByRole('button', { name: 'Add Amélie Interprète' }).click();
    await french.getByRole('button', { name: /Save booth/ }).click();
    await french.getByText('Booth saved.').waitFor();
    await screenshot(page, 'booths-staff-phone');
    const booths = await (
      await fetch(`${api.url}/api/events/${event.id}/booths`, {
        headers: { Authorization: `Bearer ${api.tokenFor(staff)}` },
      })
    ).json();
    expect(booths).toEqual([
      { language: 'en', interpreters: [] },
      { language: 'fr', interpreters: [{ id: amelie.id, name: 'Amélie Interprète' }] },
      { language: 'zh', interpreters: [] },
    ]);
  });
});
