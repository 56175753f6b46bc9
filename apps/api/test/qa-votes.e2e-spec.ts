import { eventually, LiveTestClient } from '@rostrum/test-harness';
import { joined, liveTestApi, sleep } from './support/floor-fixture';
import { joinedDelegates, mergedVotes, qaPanel, votesEvents } from './support/qa-fixture';

describe('Q&A votes under load (e2e)', () => {
  const t = liveTestApi();

  it('should keep exact counts and send a handful of qa:votes when 100 delegates cast 200 votes at once', async () => {
    const f = await qaPanel(t.api, { delegates: 0, settings: { qaModeration: false } });
    const panelId = f.panel.id;
    const mod = t.track(await joined(t.api, f.moderator, panelId));
    const viewer = t.track(await joined(t.api, null, panelId));
    const panelist = t.track(await joined(t.api, f.panelist, panelId));
    const questions = [];
    for (const text of ['One', 'Two', 'Three'])
      questions.push(await panelist.ok('qa:ask', { panelId, text }));
    const [one, two, three] = questions.map((q) => q.id);

    const voters = await joinedDelegates(t.api, panelId, 100, t.track);

    // 60 delegates upvote One and Two; 40 upvote Three and take it back, all at once: 200 votes.
    const startedAt = Date.now();
    const answers = await Promise.all(
      voters.flatMap((v, i) =>
        i < 60
          ? [v.ok('qa:vote', { panelId, questionId: one }), v.ok('qa:vote', { panelId, questionId: two })]
          : [
              v.ok('qa:vote', { panelId, questionId: three }),
              v.ok('qa:vote', { panelId, questionId: three }),
            ],
      ),
    );
    const tookMs = Date.now() - startedAt;

    // Each answer is the count right after that vote: 1…60 once each; a delegate's second vote takes it back.
    const countsOf = (id: string) => answers.filter((a) => a.questionId === id).map((a) => a.votes);
    expect(countsOf(one).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(countsOf(two).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    for (let i = 60; i < 100; i++) {
      expect([answers[2 * i].voted, answers[2 * i + 1].voted]).toEqual([true, false]);
    }
    const rows: { id: string; votes: number; counted: number }[] = await t.api.db.query(
      `SELECT q.id, q.votes, (SELECT count(*)::int FROM question_votes v WHERE v.question_id = q.id) AS counted
       FROM questions q WHERE q.panel_id = $1`,
      [panelId],
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect([byId[one], byId[two], byId[three]].map((r) => [r.votes, r.counted])).toEqual([
      [60, 60],
      [60, 60],
      [0, 0],
    ]);

    // Everyone ends with the final counts, in a few events at least 500 ms apart.
    const final = { [one]: 60, [two]: 60, [three]: 0 };
    const merged = (c: LiveTestClient) => mergedVotes(c, panelId);
    for (const c of [mod, viewer, panelist, voters[0], voters[99]]) {
      await c.waitFor('qa:votes', () => Object.entries(final).every(([id, n]) => merged(c)[id] === n), 8000);
      expect(merged(c)).toEqual(final);
    }
    // Every client got the same broadcasts (a trailing one, with the same counts, may still be on its way).
    const payloads = (c: LiveTestClient) => votesEvents(c, panelId).map((e) => e.payload);
    await eventually(() => {
      expect(payloads(voters[50])).toEqual(payloads(viewer));
      return true;
    });
    const events = votesEvents(viewer, panelId);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(Math.ceil(tookMs / 500) + 2);
    expect(events.length).toBeLessThanOrEqual(8);
    for (let i = 1; i < events.length; i++)
      expect(events[i].at - events[i - 1].at).toBeGreaterThanOrEqual(450);
  });

  it('should send at most one qa:votes every 500 ms while votes keep coming for 2 seconds', async () => {
    const f = await qaPanel(t.api, { delegates: 0, settings: { qaModeration: false } });
    const panelId = f.panel.id;
    const viewer = t.track(await joined(t.api, null, panelId));
    const panelist = t.track(await joined(t.api, f.panelist, panelId));
    const questionId = (await panelist.ok('qa:ask', { panelId, text: 'Steady stream' })).id;
    const voters = await joinedDelegates(t.api, panelId, 40, t.track);
    const startedAt = Date.now();
    for (let wave = 0; wave < 10; wave++) {
      await Promise.all(
        voters.slice(wave * 4, wave * 4 + 4).map((v) => v.ok('qa:vote', { panelId, questionId })),
      );
      await sleep(200);
    }
    const tookMs = Date.now() - startedAt;
    await viewer.waitFor('qa:votes', (p) => p.votes[questionId] === 40);
    const events = votesEvents(viewer, panelId);
    expect(events.length).toBeGreaterThanOrEqual(3); // coalesced, not held back until the end
    expect(events.length).toBeLessThanOrEqual(Math.ceil(tookMs / 500) + 1);
    for (let i = 1; i < events.length; i++)
      expect(events[i].at - events[i - 1].at).toBeGreaterThanOrEqual(450);
    const counts = events.map((e) => e.payload.votes[questionId] as number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});
