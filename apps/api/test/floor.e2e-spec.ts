import { FloorRequestAnswer, PanelSnapshot } from '@rostrum/contracts';
import { LiveTestClient, makeDelegation, makePanel, makeUser } from '@rostrum/test-harness';
import { allReach, floorLog, joined, livePanel, liveTestApi, sleep } from './support/floor-fixture';

describe('the floor: requests, the queue and the speaker (e2e)', () => {
  const t = liveTestApi();

  /** A live panel with its moderator and delegates connected and joined. */
  async function room(delegates = 3, settings = {}) {
    const f = await livePanel(t.api, { delegates, settings });
    const mod = t.track(await joined(t.api, f.moderator, f.panel.id));
    const dels = await Promise.all(f.delegates.map(async (d) => t.track(await joined(t.api, d, f.panel.id))));
    return { ...f, panelId: f.panel.id, mod, dels };
  }
  const request = (c: LiveTestClient, panelId: string, kind = 'statement', extra = {}) =>
    c.ok('floor:request', { panelId, kind, ...extra }) as Promise<FloorRequestAnswer>;

  it('should answer position and estimated wait, points of order going first, when delegates ask', async () => {
    const { panelId, mod, dels } = await room(4);
    const a = await request(dels[0], panelId, 'statement', { note: 'On draft article 3' });
    expect(a).toMatchObject({ position: 1, estimatedWaitSeconds: 0 });
    expect(a.intervention).toMatchObject({ status: 'queued', kind: 'statement', note: 'On draft article 3' });
    expect(a.intervention.delegation).toMatchObject({ code: expect.any(String), kind: 'member_state' });
    const b = await request(dels[1], panelId, 'question');
    expect(b).toMatchObject({ position: 2, estimatedWaitSeconds: 180 });
    const c = await request(dels[2], panelId, 'point_of_order');
    expect(c).toMatchObject({ position: 1, estimatedWaitSeconds: 0 });
    const d = await request(dels[3], panelId, 'point_of_order');
    expect(d).toMatchObject({ position: 2, estimatedWaitSeconds: 60 });

    const state = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(state.queue.map((q) => [q.id, q.kind, q.allottedSeconds, q.estimatedWaitSeconds])).toEqual([
      [c.intervention.id, 'point_of_order', 60, 0],
      [d.intervention.id, 'point_of_order', 60, 60],
      [a.intervention.id, 'statement', 180, 120],
      [b.intervention.id, 'question', 180, 300],
    ]);
  });

  it('should refuse a second open request with ALREADY_QUEUED, per delegation when onePerDelegation', async () => {
    const { panelId, dels } = await room(1);
    await request(dels[0], panelId);
    const again = await dels[0].send('floor:request', { panelId, kind: 'question' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_QUEUED' } });

    const delegation = await makeDelegation(t.api.db);
    const [x, y] = [
      await makeUser(t.api.db, 'delegate', { delegationId: delegation.id }),
      await makeUser(t.api.db, 'delegate', { delegationId: delegation.id }),
    ];
    const strict = await livePanel(t.api, { delegates: 0, settings: { onePerDelegation: true } });
    const cx = t.track(await joined(t.api, x, strict.panel.id));
    const cy = t.track(await joined(t.api, y, strict.panel.id));
    await request(cx, strict.panel.id);
    const colleague = await cy.send('floor:request', { panelId: strict.panel.id, kind: 'statement' });
    expect(colleague).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_QUEUED', message: expect.stringMatching(/delegation/) },
    });
  });

  it('should refuse requests with QUEUE_CLOSED when the list is closed, and still take points of order', async () => {
    const { panelId, mod, dels } = await room(2);
    const closed = (await mod.ok('queue:close', { panelId })) as PanelSnapshot;
    expect(closed.queueOpen).toBe(false);
    expect(await dels[0].send('floor:request', { panelId, kind: 'statement' })).toMatchObject({
      ok: false,
      error: { code: 'QUEUE_CLOSED' },
    });
    expect(await request(dels[1], panelId, 'point_of_order')).toMatchObject({ position: 1 });
    const reopened = (await mod.ok('queue:open', { panelId })) as PanelSnapshot;
    expect(reopened).toMatchObject({ queueOpen: true, version: closed.version + 2 });
    expect(await request(dels[0], panelId)).toMatchObject({ position: 2 });
  });

  it('should answer a retry with the same requestId with the first request, not a second one', async () => {
    const { panelId, dels } = await room(1);
    const first = await request(dels[0], panelId, 'statement', { requestId: 'tab-1:req-1' });
    const retries = await Promise.all(
      [1, 2, 3].map(() => request(dels[0], panelId, 'statement', { requestId: 'tab-1:req-1' })),
    );
    for (const r of retries) expect(r).toEqual(first);
    const [{ n }] = await t.api.db.query('SELECT count(*)::int AS n FROM interventions WHERE panel_id = $1', [
      panelId,
    ]);
    expect(n).toBe(1);
    // A new key is a new request, and this delegate already has one.
    expect(
      await dels[0].send('floor:request', { panelId, kind: 'statement', requestId: 'tab-1:req-2' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_QUEUED' },
    });
  });

  it('should answer concurrent retries of one request with one intervention', async () => {
    const { panelId, dels } = await room(1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => request(dels[0], panelId, 'question', { requestId: 'same-key' })),
    );
    expect(new Set(answers.map((a) => a.intervention.id)).size).toBe(1);
    const log = await floorLog(t.api, panelId);
    expect(log.filter((r) => r.action === 'floor:request')).toHaveLength(1);
  });

  it('should let a delegate withdraw their own waiting request and no one else’s', async () => {
    const { panelId, mod, dels } = await room(2);
    const mine = await request(dels[0], panelId);
    const other = await dels[1].send('floor:withdraw', { panelId, interventionId: mine.intervention.id });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dels[0].send('floor:withdraw', { panelId, interventionId: mine.intervention.id })).toEqual({
      ok: true,
      data: {},
    });
    expect(
      await dels[0].send('floor:withdraw', { panelId, interventionId: mine.intervention.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_QUEUE' },
    });
    const state = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(state.queue).toEqual([]);
    expect(await request(dels[0], panelId)).toMatchObject({ position: 1 });
  });

  it('should move and remove waiting requests when the moderator does', async () => {
    const { panelId, mod, dels } = await room(3);
    const ids = [];
    for (const d of dels) ids.push((await request(d, panelId)).intervention.id);
    const moved = (await mod.ok('queue:move', {
      panelId,
      interventionId: ids[2],
      toIndex: 0,
    })) as PanelSnapshot;
    expect(moved.queue.map((q) => q.id)).toEqual([ids[2], ids[0], ids[1]]);
    const toEnd = (await mod.ok('queue:move', {
      panelId,
      interventionId: ids[2],
      toIndex: 99,
    })) as PanelSnapshot;
    expect(toEnd.queue.map((q) => q.id)).toEqual([ids[0], ids[1], ids[2]]);
    const removed = (await mod.ok('queue:remove', { panelId, interventionId: ids[1] })) as PanelSnapshot;
    expect(removed.queue.map((q) => q.id)).toEqual([ids[0], ids[2]]);
    expect(removed.version).toBe(toEnd.version + 1);
    expect(await mod.send('queue:remove', { panelId, interventionId: ids[1] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_QUEUE' },
    });
    expect(await mod.send('queue:move', { panelId, interventionId: ids[1], toIndex: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_QUEUE' },
    });
  });

  it('should grant out of order (ending the current speech) and give the floor to the head with next', async () => {
    const { panelId, mod, dels } = await room(3);
    const ids = [];
    for (const d of dels) ids.push((await request(d, panelId)).intervention.id);
    const first = (await mod.ok('floor:next', { panelId })) as PanelSnapshot;
    expect(first.speaker).toMatchObject({ id: ids[0], status: 'speaking' });
    expect(first.clock).toMatchObject({ allottedSeconds: 180, pausedAt: null, pausedSeconds: 0 });
    expect(first.clock!.remainingSeconds).toBeGreaterThan(179);

    const third = (await mod.ok('floor:grant', {
      panelId,
      interventionId: ids[2],
      seconds: 45,
    })) as PanelSnapshot;
    expect(third.speaker?.id).toBe(ids[2]);
    expect(third.clock?.allottedSeconds).toBe(45);
    expect(third.queue.map((q) => q.id)).toEqual([ids[1]]);
    const [replaced] = await t.api.db.query('SELECT status, end_reason FROM interventions WHERE id = $1', [
      ids[0],
    ]);
    expect(replaced).toEqual({ status: 'done', end_reason: 'replaced' });

    expect(await mod.send('floor:grant', { panelId, interventionId: ids[0] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_QUEUE' },
    });
    expect(await mod.send('floor:grant', { panelId, interventionId: panelId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await mod.ok('floor:next', { panelId });
    expect(await mod.send('floor:next', { panelId })).toMatchObject({
      ok: false,
      error: { code: 'QUEUE_EMPTY' },
    });
  });

  it('should extend, pause and resume the speaker’s clock, and refuse them with NO_SPEAKER', async () => {
    const { panelId, mod, dels } = await room(1);
    for (const [cmd, payload] of [
      ['floor:extend', { panelId, seconds: 30 }],
      ['floor:pause', { panelId }],
      ['floor:resume', { panelId }],
      ['floor:end', { panelId }],
    ] as const) {
      expect(await mod.send(cmd, payload)).toMatchObject({ ok: false, error: { code: 'NO_SPEAKER' } });
    }
    await request(dels[0], panelId);
    await mod.ok('floor:next', { panelId });
    const extended = (await mod.ok('floor:extend', { panelId, seconds: 30 })) as PanelSnapshot;
    expect(extended.clock?.allottedSeconds).toBe(210);
    const paused = (await mod.ok('floor:pause', { panelId })) as PanelSnapshot;
    expect(paused.clock?.pausedAt).not.toBeNull();
    const pausedAgain = (await mod.ok('floor:pause', { panelId })) as PanelSnapshot;
    expect(pausedAgain.version).toBe(paused.version); // nothing changed
    await sleep(600);
    const resumed = (await mod.ok('floor:resume', { panelId })) as PanelSnapshot;
    expect(resumed.clock?.pausedAt).toBeNull();
    expect(resumed.clock!.pausedSeconds).toBeGreaterThanOrEqual(0.5);
    expect(resumed.clock!.remainingSeconds).toBeCloseTo(paused.clock!.remainingSeconds, 0);
    expect(await mod.send('floor:extend', { panelId, seconds: 601 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('should end the speech when the moderator ends it or the speaker yields, and not for another delegate', async () => {
    const { panelId, mod, dels } = await room(2);
    const a = await request(dels[0], panelId);
    await request(dels[1], panelId);
    await mod.ok('floor:next', { panelId });
    expect(await dels[1].send('floor:end', { panelId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const yielded = (await dels[0].ok('floor:end', { panelId })) as PanelSnapshot;
    expect(yielded.speaker).toBeNull();
    const b = (await mod.ok('floor:next', { panelId })) as PanelSnapshot;
    const ended = (await mod.ok('floor:end', { panelId })) as PanelSnapshot;
    expect(ended.speaker).toBeNull();
    expect(await mod.send('floor:end', { panelId })).toMatchObject({
      ok: false,
      error: { code: 'NO_SPEAKER' },
    });
    const rows = await t.api.db.query(
      'SELECT id, end_reason AS "endReason", spoken_seconds AS "spokenSeconds" FROM interventions WHERE id = ANY($1) ORDER BY requested_at',
      [[a.intervention.id, b.speaker!.id]],
    );
    expect(rows).toEqual([
      { id: a.intervention.id, endReason: 'yielded', spokenSeconds: expect.any(Number) },
      { id: b.speaker!.id, endReason: 'cut_off', spokenSeconds: expect.any(Number) },
    ]);
  });

  it('should send every client each panel:state with the version one higher, the notes to moderators only', async () => {
    const { panelId, mod, dels } = await room(3);
    const viewer = t.track(await joined(t.api, null, panelId));
    const everyone = [mod, viewer, ...dels];
    const start = mod.joinedAt.version;
    const a = await request(dels[0], panelId, 'statement', { note: 'private to the chair' });
    await request(dels[1], panelId, 'question');
    await mod.ok('floor:next', { panelId });
    await mod.ok('floor:extend', { panelId, seconds: 10 });
    const c = await request(dels[2], panelId);
    await dels[2].ok('floor:withdraw', { panelId, interventionId: c.intervention.id });
    await mod.ok('floor:end', { panelId });
    const last = start + 7;
    await allReach(everyone, panelId, last);
    for (const c of everyone) {
      expect(c.states(panelId).map((s) => s.version)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => start + n));
    }
    const third = (c: LiveTestClient) => c.states(panelId).find((s) => s.version === start + 3)!;
    expect(third(mod).speaker).toMatchObject({ id: a.intervention.id, note: 'private to the chair' });
    expect(third(viewer).speaker).toMatchObject({ id: a.intervention.id, note: null });
    expect(third(dels[0]).speaker?.note).toBeNull();
  });

  it('should let public viewers watch but refuse their commands, broadcasting nothing', async () => {
    const { panelId, mod, dels } = await room(1);
    const viewer = t.track(await joined(t.api, null, panelId));
    const a = await request(dels[0], panelId);
    for (const [cmd, payload] of [
      ['floor:request', { panelId, kind: 'statement' }],
      ['floor:next', { panelId }],
      ['floor:grant', { panelId, interventionId: a.intervention.id }],
      ['queue:close', { panelId }],
      ['floor:end', { panelId }],
    ] as const) {
      expect(await viewer.send(cmd, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await sleep(300);
    expect(viewer.states(panelId).map((s) => s.version)).toEqual([mod.joinedAt.version + 1]);
  });

  it('should refuse a moderator of another panel and a delegate acting as moderator, broadcasting nothing', async () => {
    const { panelId, mod, dels } = await room(1);
    const otherModerator = await makeUser(t.api.db, 'moderator');
    await makePanel(t.api.db, { moderators: [otherModerator], status: 'live' });
    const intruder = t.track(await joined(t.api, otherModerator, panelId)); // anyone may watch
    expect(intruder.joinedAt.queue).toEqual([]);
    const a = await request(dels[0], panelId, 'statement', { note: 'secret' });
    await allReach([mod, intruder], panelId, mod.joinedAt.version + 1);
    expect(intruder.states(panelId)[0].queue[0].note).toBeNull(); // not a moderator here: no notes
    const before = mod.states(panelId).length;
    for (const [cmd, payload] of [
      ['floor:grant', { panelId, interventionId: a.intervention.id }],
      ['floor:next', { panelId }],
      ['queue:remove', { panelId, interventionId: a.intervention.id }],
      ['queue:close', { panelId }],
    ] as const) {
      expect(await intruder.send(cmd, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await dels[0].send(cmd, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await mod.send('floor:request', { panelId, kind: 'statement' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await sleep(300);
    expect(mod.states(panelId)).toHaveLength(before);
    const [{ status }] = await t.api.db.query('SELECT status FROM interventions WHERE id = $1', [
      a.intervention.id,
    ]);
    expect(status).toBe('queued');
  });

  it('should let an admin run any panel', async () => {
    const f = await livePanel(t.api, { delegates: 1 });
    const admin = await makeUser(t.api.db, 'admin');
    const chair = t.track(await joined(t.api, admin, f.panel.id));
    const del = t.track(await joined(t.api, f.delegates[0], f.panel.id));
    await request(del, f.panel.id, 'statement', { note: 'for the chair' });
    const state = (await chair.ok('floor:next', { panelId: f.panel.id })) as PanelSnapshot;
    expect(state.speaker?.note).toBe('for the chair');
  });

  it('should refuse floor commands with PANEL_NOT_LIVE before the panel goes live', async () => {
    const f = await livePanel(t.api, { delegates: 1, status: 'scheduled' });
    const mod = t.track(await joined(t.api, f.moderator, f.panel.id));
    const del = t.track(await joined(t.api, f.delegates[0], f.panel.id));
    expect(mod.joinedAt).toMatchObject({ status: 'scheduled', queueOpen: false });
    expect(await del.send('floor:request', { panelId: f.panel.id, kind: 'statement' })).toMatchObject({
      ok: false,
      error: { code: 'PANEL_NOT_LIVE' },
    });
    for (const cmd of ['floor:next', 'queue:open', 'floor:pause'] as const) {
      expect(await mod.send(cmd, { panelId: f.panel.id })).toMatchObject({
        ok: false,
        error: { code: 'PANEL_NOT_LIVE' },
      });
    }
  });

  it('should correct estimated waits by how long this panel’s speeches took, from 3 of them and within [0.5, 1.5]', async () => {
    const { panelId, mod, dels } = await room(3);
    const speakAndStop = async () => {
      await mod.ok('floor:next', { panelId });
      await mod.ok('floor:end', { panelId }); // spoke a fraction of a second of 180
    };
    await request(dels[0], panelId);
    await speakAndStop();
    await request(dels[1], panelId);
    // One finished speech says too little: no correction yet.
    expect((await request(dels[2], panelId)).estimatedWaitSeconds).toBe(180);
    await speakAndStop();
    await speakAndStop();
    // Three speeches of almost nothing: 180 × 0.5 (the bound), not 180 × almost 0.
    await request(dels[0], panelId);
    const second = await request(dels[1], panelId);
    expect(second.position).toBe(2);
    expect(second.estimatedWaitSeconds).toBe(90);
    const state = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(state.queue[1].estimatedWaitSeconds).toBe(second.estimatedWaitSeconds);
  });

  it('should show the interaction window and the queue’s overrun when the panel sets one', async () => {
    const { panelId, mod, dels } = await room(3, { interactionWindowSeconds: 300, speakingSeconds: 150 });
    expect(mod.joinedAt.window).toMatchObject({ queuedSeconds: 0, overrunSeconds: 0 });
    expect(mod.joinedAt.window!.remainingSeconds).toBeGreaterThan(295);
    await request(dels[0], panelId);
    await request(dels[1], panelId, 'question');
    const fits = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(fits.window).toMatchObject({ queuedSeconds: 300 });
    expect(fits.window!.overrunSeconds).toBeLessThanOrEqual(5);
    await request(dels[2], panelId);
    const over = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(over.window!.queuedSeconds).toBe(450);
    expect(over.window!.overrunSeconds).toBeGreaterThanOrEqual(150);
  });

  it('should log every change with its actor, version and before/after, and every speech start and end', async () => {
    const { panelId, moderator, mod, dels, delegates } = await room(2);
    const a = await request(dels[0], panelId);
    const b = await request(dels[1], panelId);
    await mod.ok('floor:next', { panelId });
    await mod.ok('floor:grant', { panelId, interventionId: b.intervention.id });
    await dels[1].ok('floor:end', { panelId });
    const log = await floorLog(t.api, panelId);
    expect(log.map((r) => [r.action, r.interventionId, r.version])).toEqual([
      ['floor:request', a.intervention.id, 1],
      ['floor:request', b.intervention.id, 2],
      ['speech:started', a.intervention.id, null],
      ['floor:next', a.intervention.id, 3],
      ['speech:ended', a.intervention.id, null],
      ['speech:started', b.intervention.id, null],
      ['floor:grant', b.intervention.id, 4],
      ['speech:ended', b.intervention.id, null],
      ['floor:end', b.intervention.id, 5],
    ]);
    expect(log[0]).toMatchObject({
      actorId: delegates[0].id,
      actorRole: 'delegate',
      detail: { before: null, after: { status: 'queued', position: 1 } },
    });
    expect(log[3]).toMatchObject({
      actorId: moderator.id,
      actorRole: 'moderator',
      detail: { before: { speakerId: null }, after: { speakerId: a.intervention.id, allottedSeconds: 180 } },
    });
    expect(log[2].detail).toMatchObject({
      delegateId: delegates[0].id,
      delegateName: delegates[0].name,
      delegationId: delegates[0].delegationId,
      kind: 'statement',
      allottedSeconds: 180,
    });
    expect(log[2].detail.delegationCode).toEqual(expect.any(String));
    expect(log[4].detail).toEqual({ reason: 'replaced', spokenSeconds: expect.any(Number) });
    expect(log[7].detail).toEqual({ reason: 'yielded', spokenSeconds: expect.any(Number) });
  });
});
