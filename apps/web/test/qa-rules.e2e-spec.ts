/*
 * Q&A corrections of issue 12 (item 10) in the browser, against the real API: the author of a dismissed
 * question is told so (and the old "sent" note goes), nobody votes for their own question, a vote can be
 * taken back, and the panelist's answer box is labelled.
 */
import type { Browser } from 'playwright-core';
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
import type { QuestionView } from '@rostrum/contracts';
import { ActorPool, eventually, launchBrowser, screenshot } from './support/browser';

describe('web app: Q&A rules against the real API (browser e2e)', () => {
  let api: TestApi;
  let browser: Browser;
  let moderator: UserEntity;
  let panelist: UserEntity;
  let brazilian: UserEntity;
  let kenyan: UserEntity;
  const clients: LiveTestClient[] = [];
  const actors = new ActorPool(
    () => browser,
    () => api.url,
  );

  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi(), launchBrowser()]); // no LIVEKIT_*: webcast disabled
    moderator = await makeUser(api.db, 'moderator', { name: 'Marta Lindqvist' });
    panelist = await makeUser(api.db, 'panelist', { name: 'Prof. Ines Duarte' });
    const brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    const kenya = await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    brazilian = await makeUser(api.db, 'delegate', { name: 'Ana Pereira', delegationId: brazil.id });
    kenyan = await makeUser(api.db, 'delegate', { name: 'Wanjiru Kamau', delegationId: kenya.id });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await actors.closeAll();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const actor = (user: UserEntity) => actors.open({ token: api.tokenFor(user) });
  const livePanel = async (title: string): Promise<PanelEntity> =>
    makePanel(api.db, {
      event: await makeEvent(api.db),
      title,
      moderators: [moderator],
      panelists: [panelist],
      status: 'live',
    });
  const liveClient = async (user: UserEntity, panelId: string) => {
    const client = await connectLive(api.url, { token: api.tokenFor(user) });
    clients.push(client);
    await client.ok('panel:join', { panelId });
    return client;
  };
  const questionId = async (panelId: string, text: string) => {
    const [row] = await api.db.query('SELECT id FROM questions WHERE panel_id = $1 AND text = $2', [
      panelId,
      text,
    ]);
    return row.id as string;
  };

  it('should show its author a dismissed question as dismissed, and drop the "sent" note', async () => {
    const panel = await livePanel('A dismissed question');
    const mod = await liveClient(moderator, panel.id);
    const ana = await actor(brazilian);
    await ana.page.goto(`/panels/${panel.id}/floor`);
    await ana.page.getByLabel('Your question').fill('Is this on the agenda?');
    await ana.page.getByRole('button', { name: 'Send question' }).click();
    const sent = ana.page.getByText('Question sent. It appears to others once a moderator approves it.');
    await sent.waitFor();

    await mod.ok('qa:dismiss', {
      panelId: panel.id,
      questionId: await questionId(panel.id, 'Is this on the agenda?'),
    });
    const dismissed = ana.page.getByTestId('my-dismissed-questions').getByTestId('question');
    await dismissed.waitFor();
    expect(await dismissed.textContent()).toContain('Is this on the agenda?');
    expect(await dismissed.textContent()).toContain('Dismissed');
    expect(
      await ana.page.getByRole('heading', { name: 'Your questions a moderator dismissed' }).count(),
    ).toBe(1);
    await sent.waitFor({ state: 'detached' });
    expect(await ana.page.getByTestId('my-pending-questions').count()).toBe(0);
    await screenshot(ana.page, 'qa-rules-author-dismissed');

    // After a reload too (panel:join gives the author their dismissed question).
    await ana.page.reload();
    await ana.page.getByTestId('my-dismissed-questions').getByText('Is this on the agenda?').waitFor();
  });

  it('should not offer the author a vote for their own question, and let another delegate take a vote back', async () => {
    const panel = await livePanel('Votes');
    const mod = await liveClient(moderator, panel.id);
    const asker = await liveClient(brazilian, panel.id);
    const asked = (await asker.ok('qa:ask', {
      panelId: panel.id,
      text: 'Who owns the output?',
    })) as QuestionView;
    await mod.ok('qa:approve', { panelId: panel.id, questionId: asked.id });

    const ana = await actor(brazilian);
    await ana.page.goto(`/panels/${panel.id}/floor`);
    const own = ana.page.getByTestId('approved-questions').getByTestId('question');
    await own.getByTestId('own-question').waitFor();
    expect(await own.getByRole('button', { name: /Upvote/ }).count()).toBe(0);

    const wanjiru = await actor(kenyan);
    await wanjiru.page.goto(`/panels/${panel.id}/floor`);
    const item = wanjiru.page.getByTestId('approved-questions').getByTestId('question');
    await item.getByRole('button', { name: 'Upvote', exact: true }).click();
    const upvoted = item.getByRole('button', { name: 'Upvoted' });
    await upvoted.waitFor();
    expect(await upvoted.getAttribute('aria-pressed')).toBe('true');
    expect(await item.getByText('Press again to take your vote back.').isVisible()).toBe(true);
    await eventually(async () => expect(await own.getByTestId('vote-count').textContent()).toBe('1'));
    await screenshot(wanjiru.page, 'qa-rules-voted');

    await upvoted.click();
    const upvote = item.getByRole('button', { name: 'Upvote', exact: true });
    await upvote.waitFor();
    expect(await upvote.getAttribute('aria-pressed')).toBe('false');
    expect(await item.getByTestId('vote-count').textContent()).toBe('0');
    await eventually(async () => expect(await own.getByTestId('vote-count').textContent()).toBe('0'));
    // It stays taken back after a reload.
    await wanjiru.page.reload();
    await item.getByRole('button', { name: 'Upvote', exact: true }).waitFor();
    expect(await item.getByTestId('vote-count').textContent()).toBe('0');
  });

  it("should label the panelist's answer box", async () => {
    const panel = await livePanel('A written answer');
    const mod = await liveClient(moderator, panel.id);
    const asker = await liveClient(kenyan, panel.id);
    const asked = (await asker.ok('qa:ask', {
      panelId: panel.id,
      text: 'What about moral rights?',
    })) as QuestionView;
    await mod.ok('qa:approve', { panelId: panel.id, questionId: asked.id });

    const ines = await actor(panelist);
    await ines.page.goto(`/panels/${panel.id}/floor`);
    await ines.page.getByRole('button', { name: 'Answer in writing' }).click();
    const box = ines.page.getByLabel('Your written answer');
    await box.waitFor();
    expect(await ines.page.getByText('Your written answer').isVisible()).toBe(true);
    await box.fill('They stay with the author.');
    await ines.page.getByRole('button', { name: 'Send answer' }).click();
    await eventually(async () =>
      expect(await ines.page.getByText('They stay with the author.').count()).toBe(1),
    );
    await screenshot(ines.page, 'qa-rules-panelist-answered');
  });
});
