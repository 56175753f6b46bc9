/*
 * Accreditation on the /live socket (CONTRACT.md → "Accreditation"): a delegate's floor and Q&A commands on
 * a panel of an event they are not accredited to answer NOT_ACCREDITED and broadcast nothing; revoking an
 * accreditation removes the delegate's waiting requests live for everyone (logged like a moderator's
 * removal) and dismisses their pending questions.
 */
import request from 'supertest';
import { FloorRequestAnswer, PanelSnapshot, QuestionView } from '@rostrum/contracts';
import { accredit, makeEvent, makePanel, makeUser } from '@rostrum/test-harness';
import { allReach, floorLog, joined, livePanel, liveTestApi } from './support/floor-fixture';

describe('accreditation on the live socket (e2e)', () => {
  const t = liveTestApi();

  it('should answer NOT_ACCREDITED to a delegate of event A on a panel of event B, and broadcast nothing', async () => {
    const eventA = await makeEvent(t.api.db, { title: 'Event A' });
    const eventB = await makeEvent(t.api.db, { title: 'Event B' });
    const moderator = await makeUser(t.api.db, 'moderator');
    const panelist = await makeUser(t.api.db, 'panelist');
    const panel = await makePanel(t.api.db, {
      event: eventB,
      moderators: [moderator],
      panelists: [panelist],
      status: 'live',
    });
    const outsider = await makeUser(t.api.db, 'delegate', { accreditedTo: [eventA] });
    const insider = await makeUser(t.api.db, 'delegate', { accreditedTo: [eventB] });
    const panelId = panel.id;

    const mod = t.track(await joined(t.api, moderator, panelId));
    const out = t.track(await joined(t.api, outsider, panelId));
    const ins = t.track(await joined(t.api, insider, panelId));
    const pan = t.track(await joined(t.api, panelist, panelId));
    const question = (await ins.ok('qa:ask', { panelId, text: 'Who owns the output?' })) as QuestionView;
    const start = mod.joinedAt.version;

    const refused = [
      await out.send('floor:request', { panelId, kind: 'statement' }),
      await out.send('floor:request', { panelId, kind: 'point_of_order' }),
      await out.send('qa:ask', { panelId, text: 'May I?' }),
      await out.send('qa:vote', { panelId, questionId: question.id }),
      await out.send('floor:end', { panelId }),
    ];
    for (const answer of refused) {
      expect(answer).toEqual({ ok: false, error: { code: 'NOT_ACCREDITED', message: expect.any(String) } });
    }

    // Panelists and moderators are unaffected; the next change is the insider's request, version start + 1.
    await pan.ok('qa:ask', { panelId, text: 'A panelist asks' });
    const mine = (await ins.ok('floor:request', { panelId, kind: 'statement' })) as FloorRequestAnswer;
    await allReach([mod, out], panelId, start + 1);
    for (const client of [mod, out]) {
      expect(client.states(panelId).map((s) => [s.version, s.queue.map((r) => r.id)])).toEqual([
        [start + 1, [mine.intervention.id]],
      ]);
    }
    expect(
      mod.received.filter((r) => r.event === 'qa:question').map((r) => r.payload.author.id),
    ).not.toContain(outsider.id);
    const log = await floorLog(t.api, panelId);
    expect(log.filter((l) => l.actorId === outsider.id)).toEqual([]);
  });

  it('should remove a revoked delegate’s waiting requests live for everyone and dismiss their pending questions', async () => {
    const f = await livePanel(t.api, { delegates: 2 });
    const panelId = f.panel.id;
    const [revokedDelegate, other] = f.delegates;
    const staff = await makeUser(t.api.db, 'staff');
    const mod = t.track(await joined(t.api, f.moderator, panelId));
    const gone = t.track(await joined(t.api, revokedDelegate, panelId));
    const stays = t.track(await joined(t.api, other, panelId));
    const watcher = t.track(await joined(t.api, null, panelId));

    const statement = (await gone.ok('floor:request', { panelId, kind: 'statement' })) as FloorRequestAnswer;
    const order = (await gone.ok('floor:request', { panelId, kind: 'point_of_order' })) as FloorRequestAnswer;
    const kept = (await stays.ok('floor:request', { panelId, kind: 'statement' })) as FloorRequestAnswer;
    const question = (await gone.ok('qa:ask', { panelId, text: 'A question still pending' })) as QuestionView;
    const before = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(before.queue.map((r) => r.id)).toEqual([
      order.intervention.id,
      statement.intervention.id,
      kept.intervention.id,
    ]);

    const res = await request(t.api.url)
      .delete(`/api/events/${f.panel.eventId}/participants/${revokedDelegate.id}`)
      .set('Authorization', `Bearer ${t.api.tokenFor(staff)}`);
    expect([res.status, res.body]).toEqual([204, {}]);

    // Two removals, each its own version, seen by moderators, delegates and the public alike.
    await allReach([mod, gone, stays, watcher], panelId, before.version + 2);
    for (const client of [mod, stays, watcher]) {
      const last = client.states(panelId).at(-1)!;
      expect(last.queue.map((r) => r.id)).toEqual([kept.intervention.id]);
    }
    const dismissed = await gone.waitFor(
      'qa:question',
      (q: QuestionView) => q.id === question.id && q.status === 'dismissed',
    );
    expect(dismissed.status).toBe('dismissed');
    await mod.waitFor('qa:question', (q: QuestionView) => q.id === question.id && q.status === 'dismissed');

    const log = await floorLog(t.api, panelId);
    const removals = log.filter((l) => l.action === 'queue:remove');
    expect(removals.map((l) => [l.interventionId, l.actorId, l.detail.reason])).toEqual(
      expect.arrayContaining([
        [statement.intervention.id, staff.id, 'not_accredited'],
        [order.intervention.id, staff.id, 'not_accredited'],
      ]),
    );
    const qaLog = await t.api.db.query(
      `SELECT action, detail FROM floor_log WHERE panel_id = $1 AND question_id = $2 ORDER BY seq`,
      [panelId, question.id],
    );
    expect(qaLog.at(-1)).toMatchObject({
      action: 'qa:dismiss',
      detail: { reason: 'not_accredited', after: { status: 'dismissed' } },
    });

    // From now on: NOT_ACCREDITED; accredited again by staff: back in.
    const again = await gone.send('floor:request', { panelId, kind: 'statement' });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_ACCREDITED' } });
    await accredit(t.api.db, revokedDelegate, { id: f.panel.eventId });
    await gone.ok('floor:request', { panelId, kind: 'statement' });
  });
});
