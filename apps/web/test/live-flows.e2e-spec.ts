/*
 * PENDING — not in the default run yet: jest only picks up `*.e2e-spec.ts`, and this file ends in
 * `.e2e-spec.pending.ts`.
 *
 * These are the issue's browser scenarios against the REAL live stack: the /live floor gateway (issue 3), Q&A
 * (issue 4), the webcast token routes answering 503 WEBCAST_DISABLED without LiveKit (issue 5) and the
 * recordings archive with its worker (issue 6). The `web` branch has none of them, so they cannot pass there.
 *
 * To enable after merging those branches:
 *   git mv apps/web/test/live-flows.e2e-spec.pending.ts apps/web/test/live-flows.e2e-spec.ts
 *   npx jest apps/web/test/live-flows        # then the whole `npx jest`
 * If a scenario fails on a detail the merged code settled differently (e.g. the shape of
 * GET /api/public/panels/:id, or how the import route is fed), fix the detail here, not the contract.
 * Optionally replace docs/screenshots/*.png with the `real-*` screenshots this file leaves in
 * test-artifacts/screenshots/ (they show real data instead of the stand-in's).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import type { RecordingView } from '@rostrum/contracts';
import {
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import type { PanelEntity, UserEntity } from '@rostrum/database';
import { createWorkerApp } from '../../worker/src/create-worker-app';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

describe('web app: the floor, Q&A and the archive against the real API (browser e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let browser: Browser;
  let moderator: UserEntity;
  let staff: UserEntity;
  let brazilian: UserEntity;
  let kenyan: UserEntity;
  let panel: PanelEntity;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]); // no LIVEKIT_*: webcast disabled
    worker = await createWorkerApp(api.config);
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    staff = await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' });
    const brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    const kenya = await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    brazilian = await makeUser(api.db, 'delegate', { name: 'Ana Pereira', delegationId: brazil.id });
    kenyan = await makeUser(api.db, 'delegate', { name: 'Wanjiru Kamau', delegationId: kenya.id });
    const event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI — Third Session' });
    panel = await makePanel(api.db, {
      event,
      title: 'AI-generated works and copyright',
      moderators: [moderator],
    });
  });

  afterEach(() => actors.closeAll());

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  const actor = (user?: UserEntity, options: Parameters<ActorPool['open']>[0] = {}) =>
    actors.open({ ...options, token: user ? api.tokenFor(user) : undefined });

  it('should take a delegate from request to position 1, then to the floor with the clock running for both, and show the speaker to the public', async () => {
    const mod = await actor(moderator);
    await mod.page.goto(`/panels/${panel.id}/console`);
    await mod.page.getByRole('button', { name: 'Go live' }).click();
    await eventually(async () =>
      expect(await mod.page.getByTestId('queue-state').textContent()).toBe('List open'),
    );
    await mod.page.getByTestId('webcast-disabled').waitFor(); // 503 WEBCAST_DISABLED, not a broken player

    const delegate = await actor(brazilian);
    await delegate.page.goto(`/panels/${panel.id}/floor`);
    await delegate.page.getByLabel('Short note for the moderator (optional)').fill('On moral rights');
    await delegate.page.getByRole('button', { name: 'Request the floor' }).click();
    await eventually(async () =>
      expect(await delegate.page.getByTestId('my-position').textContent()).toBe('1'),
    );
    expect(await delegate.page.getByTestId('my-wait').textContent()).toMatch(/Estimated wait/);

    const watcher = await actor();
    await watcher.page.goto(`/watch/${panel.id}`);
    await eventually(async () =>
      expect(await watcher.page.getByTestId('waiting-count').textContent()).toBe('1'),
    );

    await mod.page.getByRole('button', { name: 'Give the floor — Brazil' }).click();
    await delegate.page.getByTestId('you-have-the-floor').waitFor();
    await eventually(async () =>
      expect(await delegate.page.getByTestId('announce-assertive').textContent()).toContain(
        'You have the floor.',
      ),
    );
    for (const page of [delegate.page, mod.page]) {
      const timer = page.getByTestId('speaker-clock').getByRole('timer');
      const first = await timer.textContent();
      await eventually(async () => expect(await timer.textContent()).not.toBe(first), 4000);
    }
    await eventually(async () =>
      expect(await watcher.page.getByTestId('speaker-delegation').textContent()).toBe('BrazilBRA'),
    );
    await screenshot(mod.page, 'real-moderator-console');
    await screenshot(delegate.page, 'real-delegate-floor');
    await screenshot(watcher.page, 'real-watch');

    await mod.page.getByRole('button', { name: 'End speech' }).click();
    await delegate.page.getByTestId('request-form').waitFor();
  });

  it('should show a lost connection and recover with a fresh snapshot from the real gateway', async () => {
    const watcher = await actor();
    // Pass the socket through to the real server, but keep a handle to cut it.
    const sockets: { close(): Promise<void> }[] = [];
    // While `cut`, every reconnection attempt is refused: the watcher stays offline until the floor moved.
    let cut = false;
    await watcher.context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close({ code: 1006 });
      ws.connectToServer();
      sockets.push({ close: () => ws.close({ code: 1006 }) });
    });
    await watcher.page.goto(`/watch/${panel.id}`);
    await eventually(async () =>
      expect(await watcher.page.getByTestId('panel-status').textContent()).toBe('Live now'),
    );
    cut = true;
    await Promise.all(sockets.map((s) => s.close()));
    await watcher.page.getByTestId('connection-lost').waitFor();
    // While it cannot reconnect, the floor moves on.
    const delegate = await actor(kenyan);
    await delegate.page.goto(`/panels/${panel.id}/floor`);
    await delegate.page.getByRole('button', { name: 'Request the floor' }).click();
    await delegate.page.getByRole('button', { name: 'Withdraw my request' }).waitFor();
    expect(await watcher.page.getByTestId('waiting-count').textContent()).toBe('0');
    // The banner says so for a few seconds: watch for it from before the connection can come back.
    const recovered = watcher.page.getByTestId('connection-recovered').waitFor();
    cut = false;
    await recovered;
    await eventually(async () =>
      expect(await watcher.page.getByTestId('waiting-count').textContent()).toBe('1'),
    );
    await delegate.page.getByRole('button', { name: 'Withdraw my request' }).click();
  });

  it('should let staff open a ready recording imported in the test, whose video reports its duration, and publish it', async () => {
    // A 3-second test video where Egress would have written it.
    mkdirSync(join(api.config.recordingsDir, 'imports'), { recursive: true });
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x180:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-t',
      '3',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      join(api.config.recordingsDir, 'imports/panel.mp4'),
    ]);
    const imported = await request(api.url)
      .post('/api/recordings/import')
      .set('Authorization', `Bearer ${api.tokenFor(staff)}`)
      .send({
        panelId: panel.id,
        sourcePath: 'imports/panel.mp4',
        title: 'AI-generated works — full session',
      })
      .expect(201);
    await eventually(async () => {
      const res = await request(api.url)
        .get(`/api/recordings/${imported.body.id}`)
        .set('Authorization', `Bearer ${api.tokenFor(staff)}`);
      expect((res.body as RecordingView).status).toBe('ready');
    }, 60_000);

    const { page } = await actor(staff);
    await page.goto('/staff/archive');
    const row = page.getByTestId('recording-row').filter({ hasText: 'full session' });
    expect(await row.getByTestId('recording-status').textContent()).toBe('Ready');
    await row.getByRole('link', { name: /full session/ }).click();
    const video = page.getByTestId('recording-video');
    const duration = await eventually(async () => {
      const value = Number(await video.getAttribute('data-duration'));
      expect(value).toBeGreaterThan(2.5);
      return value;
    }, 20_000);
    expect(duration).toBeLessThan(3.5);
    expect(await page.getByTestId('player-duration').textContent()).toBe('Duration 0:03');
    await screenshot(page, 'real-staff-recording');

    await page.getByTestId('publish-toggle').click();
    await eventually(async () =>
      expect(await page.getByTestId('publish-toggle').textContent()).toBe('Unpublish'),
    );
    const viewer = await actor();
    await viewer.page.goto('/archive');
    await viewer.page
      .getByTestId('public-recording')
      .filter({ hasText: 'full session' })
      .getByRole('button')
      .click();
    await eventually(async () =>
      expect(
        Number(await viewer.page.getByTestId('recording-video').getAttribute('data-duration')),
      ).toBeGreaterThan(2.5),
    );
    await screenshot(viewer.page, 'real-public-archive');
  });

  it('should show the moderator console in French and in Chinese', async () => {
    const mod = await actor(moderator, { language: 'fr' });
    await mod.page.goto(`/panels/${panel.id}/console`);
    await mod.page.getByRole('button', { name: 'Orateur suivant' }).waitFor();
    expect(await mod.page.getByRole('heading', { name: /Liste des orateurs/ }).isVisible()).toBe(true);
    await mod.page.getByLabel('Langue').selectOption('zh');
    await mod.page.getByRole('button', { name: '下一位发言者' }).waitFor();
    await screenshot(mod.page, 'real-moderator-console-zh');
  });
});
