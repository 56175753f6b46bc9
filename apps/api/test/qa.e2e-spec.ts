import request from 'supertest';
import { QuestionView } from '@rostrum/contracts';
import { connectLive, makePanel, makeUser } from '@rostrum/test-harness';
import { joined, liveTestApi } from './support/floor-fixture';
import { barrier, qaLog, qaRoom, questionEvents, questionsSeenBy, votesEvents } from './support/qa-fixture';

describe('Q&A over /live: asking, moderation, votes and answers (e2e)', () => {
  const t = liveTestApi();
  const ask = (c: Parameters<typeof questionsSeenBy>[0], panelId: string, text: string, extra = {}) =>
    c.ok('qa:ask', { panelId, text, ...extra });
  const count = async (panelId: string) =>
    (await t.api.db.query('SELECT count(*)::int AS n FROM questions WHERE panel_id = $1', [panelId]))[0]
      .n as number;

  it('should show a pending question to the moderators and its author only, then to everyone once approved', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 2 });
    const [author, other] = r.dels;
    const asked = await ask(author, r.panelId, '  How should AI-generated works be protected?  ');
    expect(asked).toMatchObject({
      panelId: r.panelId,
      text: 'How should AI-generated works be protected?',
      status: 'pending',
      votes: 0,
      author: { id: r.delegates[0].id, name: r.delegates[0].name },
      delegation: { id: r.delegates[0].delegationId, code: expect.any(String), kind: 'member_state' },
      addressedTo: null,
      answer: null,
      answeredAt: null,
    });
    await r.mod.waitFor('qa:question', (q: QuestionView) => q.id === asked.id && q.status === 'pending');
    await author.waitFor('qa:question', (q: QuestionView) => q.id === asked.id);
    expect((await questionsSeenBy(r.mod, r.panelId)).map((q) => q.id)).toEqual([asked.id]);
    expect((await questionsSeenBy(author, r.panelId)).map((q) => q.id)).toEqual([asked.id]);
    for (const c of [other, r.pan, r.viewer]) expect(await questionsSeenBy(c, r.panelId)).toEqual([]);

    const approved = await r.mod.ok('qa:approve', { panelId: r.panelId, questionId: asked.id });
    expect(approved).toMatchObject({ id: asked.id, status: 'approved' });
    for (const c of r.everyone) {
      await c.waitFor('qa:question', (q: QuestionView) => q.id === asked.id && q.status === 'approved');
    }
    for (const c of [other, r.pan, r.viewer]) expect(questionEvents(c, asked.id)).toEqual(['approved']);
    expect(questionEvents(r.mod, asked.id)).toEqual(['pending', 'approved']);
    expect((await questionsSeenBy(r.viewer, r.panelId)).map((q) => q.status)).toEqual(['approved']);

    expect(await qaLog(t.api, r.panelId)).toEqual([
      {
        action: 'qa:ask',
        actorId: r.delegates[0].id,
        actorRole: 'delegate',
        questionId: asked.id,
        version: null,
        detail: { before: null, after: { status: 'pending', text: asked.text, addressedTo: null } },
      },
      {
        action: 'qa:approve',
        actorId: r.moderator.id,
        actorRole: 'moderator',
        questionId: asked.id,
        version: null,
        detail: { before: { status: 'pending' }, after: { status: 'approved' } },
      },
    ]);
  });

  it('should toggle votes, send the counts coalesced and order questions by votes then age', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 3, settings: { qaModeration: false } });
    const [author, b, c] = r.dels;
    const q1 = await ask(author, r.panelId, 'First');
    const q2 = await ask(author, r.panelId, 'Second');
    const q3 = await ask(author, r.panelId, 'Third');
    expect([q1.status, q2.status, q3.status]).toEqual(['approved', 'approved', 'approved']);

    const vote = (client: typeof b, questionId: string) =>
      client.ok('qa:vote', { panelId: r.panelId, questionId });
    expect(await vote(b, q2.id)).toEqual({ questionId: q2.id, votes: 1, voted: true });
    expect(await vote(b, q2.id)).toEqual({ questionId: q2.id, votes: 0, voted: false });
    expect(await vote(b, q2.id)).toEqual({ questionId: q2.id, votes: 1, voted: true });
    expect(await vote(c, q3.id)).toEqual({ questionId: q3.id, votes: 1, voted: true });
    expect(await vote(b, q3.id)).toEqual({ questionId: q3.id, votes: 2, voted: true });
    // Nobody votes for their own question.
    expect(await author.send('qa:vote', { panelId: r.panelId, questionId: q3.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // Every client ends with the exact counts; the events come at least 500 ms apart.
    const latest = (client: typeof b) =>
      Object.assign({}, ...votesEvents(client, r.panelId).map((e) => e.payload.votes)) as Record<
        string,
        number
      >;
    for (const client of r.everyone) {
      await client.waitFor(
        'qa:votes',
        () => latest(client)[q2.id] === 1 && latest(client)[q3.id] === 2,
        5000,
      );
    }
    const events = votesEvents(r.viewer, r.panelId);
    for (let i = 1; i < events.length; i++)
      expect(events[i].at - events[i - 1].at).toBeGreaterThanOrEqual(450);
    expect(events.length).toBeLessThanOrEqual(3);

    const seen = await questionsSeenBy(b, r.panelId);
    expect(seen.map((q) => [q.text, q.votes, q.voted])).toEqual([
      ['Third', 2, true],
      ['Second', 1, true],
      ['First', 0, false],
    ]);
    expect((await questionsSeenBy(r.viewer, r.panelId)).map((q) => q.text)).toEqual([
      'Third',
      'Second',
      'First',
    ]);
    expect((await questionsSeenBy(r.viewer, r.panelId))[0]).not.toHaveProperty('voted');

    const answered = await r.mod.ok('qa:answered', { panelId: r.panelId, questionId: q3.id });
    expect(answered).toMatchObject({ status: 'answered', votes: 2, answeredAt: expect.any(String) });
    await r.viewer.waitFor('qa:question', (q: QuestionView) => q.id === q3.id && q.status === 'answered');
    expect(await b.send('qa:vote', { panelId: r.panelId, questionId: q3.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const log = (await qaLog(t.api, r.panelId)).filter((l) => l.action === 'qa:vote');
    expect(log).toHaveLength(5);
    expect(log[1]).toMatchObject({
      actorId: r.delegates[1].id,
      questionId: q2.id,
      detail: { before: { voted: true, votes: 1 }, after: { voted: false, votes: 0 } },
    });
  });

  it('should let a panelist answer in writing and refuse transitions that make no sense', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 2 });
    const [author, other] = r.dels;
    const asked = await ask(author, r.panelId, 'To the panelist', { addressedTo: r.panelist.id });
    expect(asked.addressedTo).toEqual({ id: r.panelist.id, name: r.panelist.name });
    const ref = { panelId: r.panelId, questionId: asked.id };

    // A panelist cannot see, so cannot answer, a question still awaiting moderation.
    expect(await r.pan.send('qa:answer', { ...ref, text: 'Too early' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await r.mod.ok('qa:approve', ref);
    const again = await r.mod.ok('qa:approve', ref);
    expect(again.status).toBe('approved');

    const answer = await r.pan.ok('qa:answer', { ...ref, text: ' Through a sui generis right. ' });
    expect(answer).toMatchObject({ status: 'answered', answer: 'Through a sui generis right.' });
    expect(answer.answeredAt).not.toBeNull();
    for (const c of [author, other, r.viewer]) {
      await c.waitFor('qa:question', (q: QuestionView) => q.id === asked.id && q.answer !== null);
    }
    for (const cmd of ['qa:approve', 'qa:dismiss'] as const) {
      expect(await r.mod.send(cmd, ref)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
    const revised = await r.mod.ok('qa:answer', { ...ref, text: 'Revised answer' });
    expect(revised).toMatchObject({
      status: 'answered',
      answer: 'Revised answer',
      answeredAt: answer.answeredAt,
    });

    const log = await qaLog(t.api, r.panelId);
    expect(log.map((l) => l.action)).toEqual(['qa:ask', 'qa:approve', 'qa:answer', 'qa:answer']);
    expect(log[2]).toMatchObject({
      actorId: r.panelist.id,
      actorRole: 'panelist',
      detail: {
        before: { status: 'approved', answer: null },
        after: { status: 'answered', answer: 'Through a sui generis right.' },
      },
    });
    expect(questionEvents(other, asked.id)).toEqual(['approved', 'answered', 'answered']);
  });

  it('should make a dismissed question vanish for everyone but its author and the moderators', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 2, settings: { qaModeration: false } });
    const [author, other] = r.dels;
    const asked = await ask(author, r.panelId, 'Off topic?');
    await other.ok('qa:vote', { panelId: r.panelId, questionId: asked.id });
    const dismissed = await r.mod.ok('qa:dismiss', { panelId: r.panelId, questionId: asked.id });
    expect(dismissed.status).toBe('dismissed');
    // Those who saw it are told once more, with the status that takes it off their list.
    for (const c of r.everyone) {
      await c.waitFor('qa:question', (q: QuestionView) => q.id === asked.id && q.status === 'dismissed');
    }
    for (const c of [other, r.pan, r.viewer]) expect(await questionsSeenBy(c, r.panelId)).toEqual([]);
    for (const c of [author, r.mod]) {
      expect((await questionsSeenBy(c, r.panelId)).map((q) => q.status)).toEqual(['dismissed']);
    }
    expect(await other.send('qa:vote', { panelId: r.panelId, questionId: asked.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    // A question dismissed while pending was never seen by the others: they are not told.
    const pendingPanel = await qaRoom(t.api, t.track, { delegates: 2 });
    const p = await ask(pendingPanel.dels[0], pendingPanel.panelId, 'Pending then dismissed');
    await pendingPanel.mod.ok('qa:dismiss', { panelId: pendingPanel.panelId, questionId: p.id });
    await barrier(pendingPanel.mod, pendingPanel.everyone, pendingPanel.panelId);
    for (const c of [pendingPanel.dels[1], pendingPanel.pan, pendingPanel.viewer]) {
      expect(questionEvents(c, p.id)).toEqual([]);
    }
    expect(questionEvents(pendingPanel.dels[0], p.id)).toEqual(['pending', 'dismissed']);
  });

  it('should keep questions and votes from public viewers when publicQa is off', async () => {
    const r = await qaRoom(t.api, t.track, {
      delegates: 2,
      settings: { publicQa: false, qaModeration: false },
    });
    const asked = await ask(r.dels[0], r.panelId, 'For delegates only');
    await r.dels[1].ok('qa:vote', { panelId: r.panelId, questionId: asked.id });
    await r.dels[1].waitFor('qa:votes', (p) => p.votes[asked.id] === 1);
    await r.pan.waitFor('qa:question', (q: QuestionView) => q.id === asked.id);
    await barrier(r.mod, r.everyone, r.panelId);
    expect(r.viewer.received.filter((e) => e.event.startsWith('qa:'))).toEqual([]);
    expect(await questionsSeenBy(r.viewer, r.panelId)).toEqual([]);
    expect((await questionsSeenBy(r.pan, r.panelId)).map((q) => q.id)).toEqual([asked.id]);

    // A delegate who left the panel gets none of its questions any more.
    await r.dels[1].ok('panel:leave', { panelId: r.panelId });
    const later = await ask(r.dels[0], r.panelId, 'After one left');
    await r.pan.waitFor('qa:question', (q: QuestionView) => q.id === later.id);
    await barrier(r.mod, [r.mod, r.pan, r.dels[0]], r.panelId);
    expect(questionEvents(r.dels[1], later.id)).toEqual([]);
  });

  it('should refuse addressedTo that is not one of this panel’s panelists, changing nothing', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 1 });
    const elsewhere = await makeUser(t.api.db, 'panelist');
    await makePanel(t.api.db, { moderators: [r.moderator], panelists: [elsewhere], status: 'live' });
    for (const addressedTo of [elsewhere.id, r.moderator.id, r.delegates[0].id]) {
      expect(
        await r.dels[0].send('qa:ask', { panelId: r.panelId, text: 'To whom?', addressedTo }),
      ).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/panelists/) },
      });
    }
    await barrier(r.mod, r.everyone, r.panelId);
    expect(await count(r.panelId)).toBe(0);
    expect(await qaLog(t.api, r.panelId)).toEqual([]);
    expect(r.mod.received.filter((e) => e.event === 'qa:question')).toEqual([]);
  });

  it('should refuse wrong roles and malformed payloads with nothing changed or broadcast', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 1, settings: { qaModeration: false } });
    const asked = await ask(r.dels[0], r.panelId, 'A fair question');
    const ref = { panelId: r.panelId, questionId: asked.id };
    const otherModerator = await makeUser(t.api.db, 'moderator');
    const otherPanelist = await makeUser(t.api.db, 'panelist');
    await makePanel(t.api.db, { moderators: [otherModerator], panelists: [otherPanelist], status: 'live' });
    const staff = await makeUser(t.api.db, 'staff');
    const stranger = t.track(await joined(t.api, otherModerator, r.panelId));
    const outsider = t.track(await joined(t.api, otherPanelist, r.panelId));
    const staffer = t.track(await joined(t.api, staff, r.panelId));
    const refusals: [typeof r.mod, string, object][] = [
      [r.viewer, 'qa:ask', { panelId: r.panelId, text: 'Anonymous?' }],
      [r.viewer, 'qa:vote', ref],
      [r.dels[0], 'qa:approve', ref],
      [r.dels[0], 'qa:answer', { ...ref, text: 'Self-answer' }],
      [r.pan, 'qa:vote', ref],
      [r.pan, 'qa:dismiss', ref],
      [r.mod, 'qa:vote', ref],
      [stranger, 'qa:dismiss', ref],
      [outsider, 'qa:ask', { panelId: r.panelId, text: 'Not my panel' }],
      [outsider, 'qa:answer', { ...ref, text: 'Not my panel' }],
      [staffer, 'qa:ask', { panelId: r.panelId, text: 'Staff question' }],
    ];
    for (const [client, command, payload] of refusals) {
      expect([command, await client.send(command as 'qa:ask', payload)]).toMatchObject([
        command,
        { ok: false, error: { code: 'FORBIDDEN' } },
      ]);
    }
    for (const payload of [
      { panelId: r.panelId, text: '' },
      { panelId: r.panelId, text: '   ' },
      { panelId: r.panelId, text: 'x'.repeat(1001) },
      { panelId: r.panelId, text: 42 },
      { panelId: r.panelId },
      { panelId: r.panelId, text: 'ok', addressedTo: 'nobody' },
      { panelId: r.panelId, text: 'ok', extra: true },
    ]) {
      expect(await r.dels[0].send('qa:ask', payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(await r.mod.send('qa:approve', { panelId: r.panelId, questionId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await r.mod.send('qa:answer', { ...ref, text: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const unknown = { panelId: r.panelId, questionId: '00000000-0000-4000-8000-000000000000' };
    expect(await r.mod.send('qa:approve', unknown)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const notJoined = t.track(await connectLive(t.api.url, { token: t.api.tokenFor(r.delegates[0]) }));
    expect(await notJoined.send('qa:vote', ref)).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });

    await barrier(r.mod, [...r.everyone, stranger, staffer], r.panelId);
    for (const c of r.everyone) expect(questionEvents(c, asked.id)).toEqual(['approved']);
    for (const c of [stranger, outsider, staffer]) expect(questionEvents(c, asked.id)).toEqual([]);
    expect((await qaLog(t.api, r.panelId)).map((l) => l.action)).toEqual(['qa:ask']);
    expect(await count(r.panelId)).toBe(1);
    expect(await r.dels[0].ok('qa:ask', { panelId: r.panelId, text: 'y'.repeat(1000) })).toMatchObject({
      text: 'y'.repeat(1000),
    });
  });

  it('should take no questions or votes once the panel ended, and still take moderation and answers', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 1 });
    const asked = await ask(r.dels[0], r.panelId, 'Asked in time');
    const ref = { panelId: r.panelId, questionId: asked.id };
    await r.mod.ok('qa:approve', ref);
    await request(t.api.url)
      .post(`/api/panels/${r.panelId}/end`)
      .set({ Authorization: `Bearer ${t.api.tokenFor(r.moderator)}` })
      .expect(200);
    expect(await r.dels[0].send('qa:ask', { panelId: r.panelId, text: 'Too late' })).toMatchObject({
      ok: false,
      error: { code: 'PANEL_NOT_LIVE' },
    });
    expect(await r.dels[0].send('qa:vote', ref)).toMatchObject({
      ok: false,
      error: { code: 'PANEL_NOT_LIVE' },
    });
    expect(await r.pan.ok('qa:answer', { ...ref, text: 'Answered after the session' })).toMatchObject({
      status: 'answered',
    });
    expect(await count(r.panelId)).toBe(1);
  });

  it('should let a delegate ask at most 5 questions a minute, counting only questions taken', async () => {
    const r = await qaRoom(t.api, t.track, { delegates: 2 });
    const refused = await r.dels[0].send('qa:ask', {
      panelId: r.panelId,
      text: 'x',
      addressedTo: r.moderator.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    for (let i = 1; i <= 5; i++) await ask(r.dels[0], r.panelId, `Question ${i}`);
    expect(await r.dels[0].send('qa:ask', { panelId: r.panelId, text: 'Sixth' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/5 questions a minute/) },
    });
    expect(await ask(r.dels[1], r.panelId, 'Another delegate is not limited')).toMatchObject({
      status: 'pending',
    });
    expect(await count(r.panelId)).toBe(6);
  });
});
