import { QuestionView } from '@rostrum/contracts';
import { eventually, LiveTestClient } from '@rostrum/test-harness';
import { joined, sleep, twoLiveInstances } from './support/floor-fixture';
import {
  barrier,
  joinedDelegates,
  mergedVotes,
  qaPanel,
  questionEvents,
  votesEvents,
} from './support/qa-fixture';

describe('Q&A across API instances (e2e)', () => {
  const t = twoLiveInstances();
  const { track } = t;

  it('should show each change of a question to the clients that may see it, on either instance', async () => {
    const f = await qaPanel(t.first, { delegates: 2 });
    const panelId = f.panel.id;
    const mod = track(await joined(t.first, f.moderator, panelId));
    const author = track(await joined(t.second, f.delegates[0], panelId));
    const otherOnFirst = track(await joined(t.first, f.delegates[1], panelId));
    const viewerOnSecond = track(await joined(t.second, null, panelId));

    const asked = await author.ok('qa:ask', { panelId, text: 'Asked on the second instance' });
    await mod.waitFor('qa:question', (q: QuestionView) => q.id === asked.id && q.status === 'pending');
    await mod.ok('qa:approve', { panelId, questionId: asked.id });
    for (const c of [author, otherOnFirst, viewerOnSecond]) {
      await c.waitFor('qa:question', (q: QuestionView) => q.id === asked.id && q.status === 'approved');
    }
    await barrier(mod, [author, otherOnFirst, viewerOnSecond], panelId);
    expect(questionEvents(otherOnFirst, asked.id)).toEqual(['approved']);
    expect(questionEvents(viewerOnSecond, asked.id)).toEqual(['approved']);
    expect(questionEvents(author, asked.id)).toEqual(['pending', 'approved']);
  });

  it('should coalesce qa:votes over both instances: one every 500 ms at most, with the exact counts', async () => {
    const f = await qaPanel(t.first, { delegates: 0, settings: { qaModeration: false } });
    const panelId = f.panel.id;
    const panelist = track(await joined(t.first, f.panelist, panelId));
    const viewers = [
      track(await joined(t.first, null, panelId)),
      track(await joined(t.second, null, panelId)),
    ];
    const ids: string[] = [];
    for (const text of ['Left', 'Right']) ids.push((await panelist.ok('qa:ask', { panelId, text })).id);
    const voters = await joinedDelegates(t.first, panelId, 40, track, (i) =>
      i % 2 === 0 ? t.first : t.second,
    );
    // Waves of votes on both instances for about 2 s: each delegate upvotes both questions.
    const votingFrom = Date.now();
    for (let wave = 0; wave < 8; wave++) {
      await Promise.all(
        voters
          .slice(wave * 5, wave * 5 + 5)
          .flatMap((v) => ids.map((questionId) => v.ok('qa:vote', { panelId, questionId }))),
      );
      await sleep(250);
    }
    const votingMs = Date.now() - votingFrom;
    const final = { [ids[0]]: 40, [ids[1]]: 40 };
    // A payload holds only the counts that changed: the last one may carry one question, an earlier one the
    // other's final count. So wait until the counts known from all of them are the final ones.
    const hasFinal = (v: LiveTestClient) => ids.every((id) => mergedVotes(v, panelId)[id] === 40);
    for (const v of viewers) await v.waitFor('qa:votes', () => hasFinal(v));
    // One broadcast, seen on both instances: the same payloads (once a trailing one has reached both).
    const payloads = (v: LiveTestClient) => votesEvents(v, panelId).map((e) => e.payload);
    await eventually(() => {
      expect(payloads(viewers[0])).toEqual(payloads(viewers[1]));
      return true;
    });
    const a = votesEvents(viewers[0], panelId);
    expect(a.length).toBeGreaterThanOrEqual(2);
    // Coalesced: not one per vote (80), at most one per 500 ms of voting (about 5 when the machine is idle).
    expect(a.length).toBeLessThanOrEqual(Math.ceil(votingMs / 500) + 2);
    for (let i = 1; i < a.length; i++) expect(a[i].at - a[i - 1].at).toBeGreaterThanOrEqual(450);
    expect(mergedVotes(viewers[0], panelId)).toEqual(final);
  });

  it('should hold the 5-questions-a-minute limit over both instances', async () => {
    const f = await qaPanel(t.first, { delegates: 1 });
    const panelId = f.panel.id;
    const onFirst = track(await joined(t.first, f.delegates[0], panelId));
    const onSecond = track(await joined(t.second, f.delegates[0], panelId));
    for (let i = 0; i < 5; i++) {
      await (i % 2 === 0 ? onFirst : onSecond).ok('qa:ask', { panelId, text: `Question ${i + 1}` });
    }
    for (const c of [onFirst, onSecond]) {
      expect(await c.send('qa:ask', { panelId, text: 'One too many' })).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED' },
      });
    }
  });
});
