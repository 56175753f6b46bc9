/*
 * Q&A in the browser against the REAL live stack (the /live gateway with Q&A, PostgreSQL, Redis): a delegate
 * asks, the moderator approves from the console, another delegate upvotes, and the counts, the voter's own
 * "Upvoted" state (from panel:join after a reload) and the public watch page follow.
 */
import type { Browser } from 'playwright-core';
import {
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  type TestApi,
} from '@rostrum/test-harness';
import type { PanelEntity, UserEntity } from '@rostrum/database';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

describe('web app: Q&A against the real API (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let moderator: UserEntity;
  let brazilian: UserEntity;
  let kenyan: UserEntity;
  let panel: PanelEntity;
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]); // no LIVEKIT_*: webcast disabled
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    const brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    const kenya = await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    brazilian = await makeUser(api.db, 'delegate', { name: 'Ana Pereira', delegationId: brazil.id });
    kenyan = await makeUser(api.db, 'delegate', { name: 'Wanjiru Kamau', delegationId: kenya.id });
    const event = await makeEvent(api.db, { title: 'WIPO Conversation on IP and AI — Third Session' });
    panel = await makePanel(api.db, {
      event,
      title: 'AI-generated works and copyright',
      moderators: [moderator],
      status: 'live', // questions are taken while the panel is live
    });
  });

  afterEach(() => actors.closeAll());

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const actor = (user?: UserEntity, options: Parameters<ActorPool['open']>[0] = {}) =>
    actors.open({ ...options, token: user ? api.tokenFor(user) : undefined });

  it("should update the asking delegate's vote count when the moderator approves the question and another delegate upvotes it", async () => {
    const asker = await actor(brazilian);
    await asker.page.goto(`/panels/${panel.id}/floor`);
    await asker.page.getByLabel('Your question').fill('Should AI-generated works enter the public domain?');
    await asker.page.getByRole('button', { name: 'Send question' }).click();
    await asker.page.getByTestId('my-pending-questions').getByText('public domain').waitFor();

    const mod = await actor(moderator);
    await mod.page.goto(`/panels/${panel.id}/console`);
    const pending = mod.page
      .getByTestId('qa-moderation')
      .getByTestId('question')
      .filter({ hasText: 'public domain' });
    await pending.getByRole('button', { name: 'Approve' }).click();

    const approved = asker.page
      .getByTestId('approved-questions')
      .getByTestId('question')
      .filter({ hasText: 'public domain' });
    await approved.waitFor();
    expect(await approved.getByTestId('vote-count').textContent()).toBe('0');

    const voter = await actor(kenyan);
    await voter.page.goto(`/panels/${panel.id}/floor`);
    const toVote = voter.page
      .getByTestId('approved-questions')
      .getByTestId('question')
      .filter({ hasText: 'public domain' });
    await toVote.getByRole('button', { name: 'Upvote' }).click();
    await eventually(async () => expect(await approved.getByTestId('vote-count').textContent()).toBe('1'));
    await screenshot(asker.page, 'real-delegate-qa');

    // The voter's own vote survives a reload (panel:join tells which questions this delegate upvoted).
    await voter.page.reload();
    const upvoted = voter.page
      .getByTestId('approved-questions')
      .getByTestId('question')
      .filter({ hasText: 'public domain' })
      .getByRole('button', { name: 'Upvoted' });
    await upvoted.waitFor();
    expect(await upvoted.getAttribute('aria-pressed')).toBe('true');

    // The public sees the approved question and its count.
    const watcher = await actor();
    await watcher.page.goto(`/watch/${panel.id}`);
    const published = watcher.page.getByTestId('question').filter({ hasText: 'public domain' });
    await eventually(async () => expect(await published.getByTestId('vote-count').textContent()).toBe('1'));
  });
});
