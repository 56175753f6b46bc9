import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  RecordingEntity,
  TranscriptEntity,
  TranscriptSegmentEntity,
  type UserEntity,
} from '@rostrum/database';
import {
  makeEvent,
  makePanel,
  makeSpeechVideo,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

/**
 * The archive's transcript features in Chromium against the real API: an archived recording (a real MP4 of
 * flite speech in ARCHIVE_DIR) with its English transcript as the worker writes it (the worker itself is
 * tested in apps/worker/test/transcripts*.e2e-spec.ts).
 */
describe('web app: transcripts, captions and transcript search in the archive (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let staff: UserEntity;
  let recording: RecordingEntity;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );
  /** What the transcript says, when (the second line is the Kenyan delegate's). */
  const LINES = [
    { start: 1, end: 3.4, text: 'the delegation of brazil thanks the panel', delegation: ['BRA', 'Brazil'] },
    {
      start: 5.2,
      end: 8.1,
      text: 'ownership of data matters to developing countries',
      delegation: ['KEN', 'Kenya'],
    },
  ];

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
    staff = await makeUser(api.db, 'staff');
    const event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI' });
    const panel = await makePanel(api.db, { event, title: 'Data', moderators: [staff], status: 'ended' });
    recording = await api.db.getRepository(RecordingEntity).save({
      panelId: panel.id,
      eventId: event.id,
      title: 'Data ownership — full session',
      status: 'ready',
      source: 'import',
      published: true,
      durationSeconds: 9.5,
      startedAt: new Date(Date.now() - 86_400_000),
    });
    mkdirSync(api.config.archiveDir, { recursive: true });
    const video = join(api.config.archiveDir, `${recording.id}.mp4`);
    await makeSpeechVideo(video, [
      { silence: 1 },
      { say: 'The delegation of Brazil thanks the panel.', voice: 'slt' },
      { silence: 1.5 },
      { say: 'Ownership of data matters to developing countries.', voice: 'rms' },
      { silence: 1 },
    ]);
    execFileSync('ffmpeg', [
      ...['-loglevel', 'error', '-i', video, '-frames:v', '1'],
      join(api.config.archiveDir, `${recording.id}.jpg`),
    ]);
    await api.db
      .getRepository(RecordingEntity)
      .update(recording.id, { videoFile: `${recording.id}.mp4`, posterFile: `${recording.id}.jpg` });
    await api.db.getRepository(TranscriptEntity).save({
      recordingId: recording.id,
      language: 'en',
      status: 'ready',
      engine: 'pocketsphinx',
      chunks: [{ startSeconds: 0, endSeconds: 9.5 }],
      chunksDone: 1,
    });
    await api.db.getRepository(TranscriptSegmentEntity).insert(
      LINES.map((l, i) => ({
        recordingId: recording.id,
        language: 'en',
        chunkIndex: 0,
        startSeconds: l.start,
        endSeconds: l.end,
        text: l.text,
        interventionId: null,
        speakerName: ['Ana Pereira', 'Wanjiru Kamau'][i],
        delegationCode: l.delegation[0],
        delegationName: l.delegation[1],
      })),
    );
  }, 60_000);

  afterEach(() => actors.closeAll());
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('should find a phrase in the public archive, play from its moment, and show captions and the transcript', async () => {
    const { page } = await actors.open({ viewport: { width: 1280, height: 800 } });
    await page.goto('/archive');
    const search = page.getByRole('search', { name: 'Search what was said' });
    await search.getByRole('searchbox').fill('data ownership');
    await search.getByRole('button', { name: 'Search' }).click();
    const hit = page.getByTestId('search-hit');
    await eventually(async () => expect(await hit.count()).toBe(1));
    expect(await hit.textContent()).toContain('Kenya — Wanjiru Kamau');
    expect(await hit.locator('mark').allTextContents()).toEqual(['ownership', 'data']);
    await hit.getByRole('button').click();

    const player = page.getByTestId('recording-video');
    await eventually(async () =>
      expect(await player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(5),
    );
    // The transcript follows playback: the line being said is marked.
    await eventually(async () =>
      expect(await page.getByTestId('transcript-line').nth(1).getAttribute('aria-current')).toBe('true'),
    );

    const cc = page.getByTestId('captions-toggle');
    expect(await cc.getAttribute('aria-pressed')).toBe('false');
    await cc.click();
    expect(await cc.getAttribute('aria-pressed')).toBe('true');
    await eventually(async () =>
      expect(
        await player.evaluate((v: HTMLVideoElement) => ({
          mode: v.textTracks[0].mode,
          cues: Array.from(v.textTracks[0].cues ?? []).map((c) => (c as VTTCue).text),
        })),
      ).toEqual({
        mode: 'showing',
        cues: [
          'the delegation of brazil thanks the panel',
          // Over one line's 42 characters: two lines, broken at the space nearest the middle.
          'ownership of data matters\nto developing countries',
        ],
      }),
    );

    await page.getByTestId('transcript-line').first().click();
    await eventually(async () =>
      expect(await player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(4),
    );
    await player.evaluate((v: HTMLVideoElement) => v.pause());
    await screenshot(page, 'archive-transcript-desktop');
  });

  it('should search as staff on a phone and open the recording at the moment found', async () => {
    const { page } = await actors.open({
      token: api.tokenFor(staff),
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'block',
    });
    await page.goto('/staff/archive');
    const search = page.getByRole('search', { name: 'Search what was said' });
    await search.getByRole('searchbox').fill('brazil');
    await search.getByRole('button', { name: 'Search' }).click();
    await eventually(async () => expect(await page.getByTestId('search-hit').count()).toBe(1));
    await screenshot(page, 'archive-search-phone');
    await page.getByTestId('search-hit').getByRole('button').click();
    await page.getByRole('heading', { name: 'Data ownership — full session' }).waitFor();
    const player = page.getByTestId('recording-video');
    await eventually(async () =>
      expect(await player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(0.9),
    );
    expect(await page.getByTestId('transcript-line').count()).toBe(2);
    await player.evaluate((v: HTMLVideoElement) => v.pause());
    await screenshot(page, 'archive-transcript-phone');
  });
});
