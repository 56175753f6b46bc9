import request from 'supertest';
import { FloorRequestAnswer, InterventionView, PanelSettings, PanelSnapshot } from '@rostrum/contracts';
import { PanelEntity, UserEntity } from '@rostrum/database';
import {
  LiveTestClient,
  makeDelegation,
  makeEvent,
  makePanel,
  makeUser,
  TestApi,
} from '@rostrum/test-harness';
import { expectFloorInvariants, readFloorHistory, RecordedCommand } from './support/floor-invariants';
import { floorLog, joined, sleep, twoLiveInstances } from './support/floor-fixture';

const GROUPS = ['Africa Group', 'GRULAC', 'Asia and the Pacific Group'];

/**
 * The diplomatic list of speakers (CONTRACT.md, issue 16) on two API instances: every delegate and
 * moderator below alternates between them, so each rule holds whichever instance a command lands on.
 */
describe('the diplomatic list of speakers on two instances (e2e)', () => {
  const t = twoLiveInstances();
  const on = (i: number): TestApi => (i % 2 ? t.second : t.first);
  const as = (user: UserEntity) => ({ Authorization: `Bearer ${t.first.tokenFor(user)}` });

  /** A panel of an event with GROUPS, its moderator, and delegates of the given delegations (kind per letter). */
  async function setting(
    delegations: Record<string, 'member_state' | 'observer'>,
    settings: Partial<PanelSettings>,
    status: PanelEntity['status'] = 'live',
  ) {
    const event = await makeEvent(t.first.db, { groups: GROUPS });
    const moderator = await makeUser(t.first.db, 'moderator');
    const panel = await makePanel(t.first.db, { event, moderators: [moderator], status, settings });
    const people: Record<string, UserEntity & { delegationId: string }> = {};
    for (const [letter, kind] of Object.entries(delegations)) {
      const delegation = await makeDelegation(t.first.db, { kind });
      // Two delegates of each delegation: `a` and `a2`.
      for (const name of [letter, `${letter}2`]) {
        people[name] = (await makeUser(t.first.db, 'delegate', { delegationId: delegation.id, name })) as any;
      }
    }
    return { panel, panelId: panel.id, moderator, people };
  }

  const joinAll = async (users: UserEntity[], panelId: string) => {
    const clients: LiveTestClient[] = [];
    for (const [i, u] of users.entries()) clients.push(t.track(await joined(on(i), u, panelId)));
    return clients;
  };
  const ask = (c: LiveTestClient, panelId: string, kind: string, extra: Record<string, unknown> = {}) =>
    c.ok('floor:request', { panelId, kind, ...extra }) as Promise<FloorRequestAnswer>;
  const order = (s: PanelSnapshot) => s.queue.map((q) => q.id);

  /** A speech this delegation gave earlier in the panel (spoken seconds exactly known, unlike a live one). */
  async function spokeEarlier(panelId: string, user: UserEntity & { delegationId: string }, spoken: number) {
    const [row]: { id: string }[] = await t.first.db.query(
      `INSERT INTO interventions (panel_id, delegate_id, delegation_id, kind, status, started_at, ended_at,
         allotted_seconds, spoken_seconds, end_reason)
       VALUES ($1, $2, $3, 'statement', 'done', now() - interval '1 hour', now() - interval '50 minutes', $4::int,
               $4::float8, 'ended')
       RETURNING id`,
      [panelId, user.id, user.delegationId, spoken],
    );
    return row.id;
  }

  it('should run a scripted session of every kind in protocol order, with budgets, replies and their limits', async () => {
    const { panelId, moderator, people } = await setting(
      { a: 'member_state', b: 'member_state', c: 'observer', d: 'member_state' },
      {
        orderPolicy: 'protocol',
        speakingSeconds: 120,
        pointOfOrderSeconds: 30,
        rightOfReplySeconds: 60,
        groupStatementSeconds: 150,
        delegationBudgetSeconds: 200,
        rightsOfReplyPerDelegation: 1,
      },
    );
    const { a, b, b2, c, d } = people;
    const aEarlier = await spokeEarlier(panelId, a, 170); // A has 30 s left
    await spokeEarlier(panelId, d, 197); // D has 3 s left
    const mod = t.track(await joined(t.second, moderator, panelId));
    const [ca, cb, cb2, cc, cd] = await joinAll([a, b, b2, c, d], panelId);

    // Each arrival at the end of its band: 1 points of order, 2 groups, 3 member states, 4 observers, 5 replies.
    expect((await ask(ca, panelId, 'statement')).position).toBe(1);
    expect((await ask(cc, panelId, 'statement')).position).toBe(2); // observer, after the member state
    expect((await ask(cb, panelId, 'statement')).position).toBe(2); // member state, ahead of the observer
    const group = await ask(cd, panelId, 'group_statement', { onBehalfOf: 'GRULAC' });
    expect(group.position).toBe(1);
    expect(group.intervention).toMatchObject({
      kind: 'group_statement',
      onBehalfOf: 'GRULAC',
      replyTo: null,
    });
    expect((await ask(ca, panelId, 'point_of_order')).position).toBe(1);
    const reply = await ask(cb2, panelId, 'right_of_reply', { replyTo: aEarlier });
    expect(reply.position).toBe(6);
    expect(reply.intervention.replyTo).toMatchObject({ id: aEarlier, delegation: { id: a.delegationId } });

    let s = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    const kindOf = (x: InterventionView) => `${x.delegate.name}:${x.kind}`;
    expect(s.queue.map(kindOf)).toEqual([
      'a:point_of_order',
      'd:group_statement',
      'a:statement',
      'b:statement',
      'c:statement',
      'b2:right_of_reply',
    ]);
    expect(s.queue.map((q) => q.onDeck)).toEqual([true, true, false, false, false, false]);

    // The moderator puts the observer first; a later point of order goes behind it and the earlier one.
    const observer = s.queue[4].id;
    const moved = (await mod.ok('queue:move', {
      panelId,
      interventionId: observer,
      toIndex: 0,
    })) as PanelSnapshot;
    expect(moved.queue[0].id).toBe(observer);
    expect((await ask(cb, panelId, 'point_of_order')).position).toBe(3);
    s = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(s.queue.map(kindOf)).toEqual([
      'c:statement',
      'a:point_of_order',
      'b:point_of_order',
      'd:group_statement',
      'a:statement',
      'b:statement',
      'b2:right_of_reply',
    ]);
    expect(s.budgets).toEqual(
      expect.arrayContaining([
        { delegationId: a.delegationId, usedSeconds: 170, remainingSeconds: 30 },
        { delegationId: d.delegationId, usedSeconds: 197, remainingSeconds: 3 },
        { delegationId: c.delegationId, usedSeconds: 0, remainingSeconds: 200 },
      ]),
    );

    // Grants allot the smaller of the kind's time and the budget left; points of order are not budgeted.
    const next = async () => (await mod.ok('floor:next', { panelId })) as PanelSnapshot;
    const allotted = async () => {
      const x = await next();
      return `${x.speaker!.delegate.name}:${x.clock!.allottedSeconds}`;
    };
    expect(await allotted()).toBe('c:120');
    expect(await allotted()).toBe('a:30'); // a point of order, whatever A has left
    expect(await allotted()).toBe('b:30');
    expect(await allotted()).toBe('d:3'); // GRULAC's statement by D, cut to D's 3 s
    const groupSpeech = s.queue[3].id;
    await mod.waitFor('floor:timeup', (p) => p.interventionId === groupSpeech, 15_000);
    expect(await allotted()).toBe('a:30'); // A's statement: 200 − 170
    s = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    const dBudget = s.budgets.find((x) => x.delegationId === d.delegationId)!;
    expect(dBudget.remainingSeconds).toBe(0);
    expect(dBudget.usedSeconds).toBeGreaterThanOrEqual(200);

    // D asks again; nothing left: refused, nothing changes — unless the moderator gives the time.
    const again = await ask(cd, panelId, 'statement');
    expect(again.position).toBe(2); // a member state: after B's statement, before the reply
    const before = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    const refused = await mod.send('floor:grant', { panelId, interventionId: again.intervention.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BUDGET_EXHAUSTED' } });
    const after = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(after.version).toBe(before.version);
    expect(after.speaker!.id).toBe(before.speaker!.id);
    const given = (await mod.ok('floor:grant', {
      panelId,
      interventionId: again.intervention.id,
      seconds: 45,
    })) as PanelSnapshot;
    expect(given.clock!.allottedSeconds).toBe(45);

    expect(await allotted()).toBe('b:120');
    expect(await allotted()).toBe('b2:60'); // B's reply: points of order excepted, B has plenty left
    // B has used its one right of reply in this panel.
    const limit = await cb.send('floor:request', {
      panelId,
      kind: 'right_of_reply',
      replyTo: again.intervention.id,
    });
    expect(limit).toMatchObject({ ok: false, error: { code: 'REPLY_LIMIT' } });

    const started = (await floorLog(t.first, panelId)).filter((r) => r.action === 'speech:started');
    expect(started.map((r) => `${r.detail.kind}:${r.detail.allottedSeconds}`)).toEqual([
      'statement:120',
      'point_of_order:30',
      'point_of_order:30',
      'group_statement:3',
      'statement:30',
      'statement:45',
      'statement:120',
      'right_of_reply:60',
    ]);
  }, 60_000);

  it('should take inscriptions before the panel is live once the inscription has opened, and keep them', async () => {
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    const { panel, panelId, moderator, people } = await setting(
      { a: 'member_state', b: 'observer' },
      { inscriptionOpensAt: inAnHour },
      'scheduled',
    );
    const [ca, cb] = await joinAll([people.a, people.b], panelId);
    const early = await ca.send('floor:request', { panelId, kind: 'statement' });
    expect(early).toMatchObject({ ok: false, error: { code: 'PANEL_NOT_LIVE' } });
    const none = await setting({ z: 'member_state' }, {}, 'scheduled');
    const [cz] = await joinAll([none.people.z], none.panelId);
    expect(await cz.send('floor:request', { panelId: none.panelId, kind: 'statement' })).toMatchObject({
      ok: false,
      error: { code: 'PANEL_NOT_LIVE' },
    });

    // The settings, over REST: the defaults, and bad values refused without changing anything.
    const shown = await request(t.second.url)
      .get(`/api/panels/${none.panelId}`)
      .set(as(moderator))
      .expect(200);
    expect(shown.body.settings).toMatchObject({
      orderPolicy: 'first_come',
      inscriptionOpensAt: null,
      delegationBudgetSeconds: null,
      rightsOfReplyPerDelegation: 2,
      groupStatementSeconds: 300,
      onDeck: 2,
    });
    for (const bad of [
      { onDeck: 21 },
      { orderPolicy: 'alphabetical' },
      { rightsOfReplyPerDelegation: -1 },
      { inscriptionOpensAt: 'tomorrow' },
      { delegationBudgetSeconds: 0 },
    ]) {
      const refused = await request(t.first.url)
        .patch(`/api/panels/${panelId}`)
        .set(as(moderator))
        .send({ settings: bad });
      expect({ bad, status: refused.status, code: refused.body.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }

    // The moderator opens the inscription now (REST on one instance); delegates inscribe on both.
    await request(t.first.url)
      .patch(`/api/panels/${panelId}`)
      .set(as(moderator))
      .send({ settings: { inscriptionOpensAt: new Date(Date.now() - 1000).toISOString() } })
      .expect(200);
    const first = await ask(ca, panelId, 'statement');
    const second = await ask(cb, panelId, 'statement');
    expect([first.position, second.position]).toEqual([1, 2]);
    const mod = t.track(await joined(t.second, moderator, panelId));
    expect(mod.joinedAt).toMatchObject({ status: 'scheduled' });
    expect(order(mod.joinedAt)).toEqual([first.intervention.id, second.intervention.id]);

    // Going live keeps the list; the floor goes to its head.
    await request(t.second.url).post(`/api/panels/${panel.id}/start`).set(as(moderator)).expect(200);
    const live = await mod.waitFor('panel:state', (x: PanelSnapshot) => x.status === 'live');
    expect(order(live)).toEqual([first.intervention.id, second.intervention.id]);
    const granted = (await mod.ok('floor:next', { panelId })) as PanelSnapshot;
    expect(granted.speaker!.id).toBe(first.intervention.id);
  });

  it('should tell a delegate once on each of their sockets when their request comes on deck', async () => {
    const { panelId, moderator, people } = await setting(
      { w: 'member_state', x: 'member_state', y: 'member_state', z: 'member_state' },
      { onDeck: 2 },
    );
    const mod = t.track(await joined(t.first, moderator, panelId));
    // Every delegate has a socket on each instance.
    const sockets: Record<string, LiveTestClient[]> = {};
    for (const name of ['w', 'x', 'y', 'z']) {
      sockets[name] = [
        t.track(await joined(t.first, people[name], panelId)),
        t.track(await joined(t.second, people[name], panelId)),
      ];
    }
    const ids: Record<string, string> = {};
    /** Each of the delegate's sockets has had exactly `n` floor:ondeck for their request, the last at `position`. */
    const told = async (name: string, n: number, position?: number) => {
      for (const socket of sockets[name]) {
        if (n > 0) {
          await socket.waitFor(
            'floor:ondeck',
            () => socket.received.filter((r) => r.event === 'floor:ondeck').length >= n,
          );
        }
        const got = socket.received.filter((r) => r.event === 'floor:ondeck').map((r) => r.payload);
        expect(got).toHaveLength(n);
        if (position) expect(got.at(-1)).toEqual({ panelId, interventionId: ids[name], position });
      }
    };
    /** Waits until every socket has the moderator's latest state, so events sent before it have arrived. */
    const settle = async () => {
      const latest = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
      await Promise.all(
        Object.values(sockets)
          .flat()
          .map((c) => c.waitFor('panel:state', (x: PanelSnapshot) => x.version >= latest.version)),
      );
      return latest;
    };

    for (const name of ['x', 'y', 'z']) {
      ids[name] = (await ask(sockets[name][0], panelId, 'statement')).intervention.id;
    }
    await settle();
    await told('x', 1, 1); // by arrival
    await told('y', 1, 2);
    await told('z', 0);

    // A move: z to the head (y drops off deck; z comes on).
    await mod.ok('queue:move', { panelId, interventionId: ids.z, toIndex: 0 });
    await settle();
    await told('z', 1, 1);
    await told('x', 1);
    await told('y', 1);

    // A skip: z two places down; y comes back on deck, at place 2.
    const skipped = (await mod.ok('queue:skip', {
      panelId,
      interventionId: ids.z,
      places: 2,
    })) as PanelSnapshot;
    expect(order(skipped)).toEqual([ids.x, ids.y, ids.z]);
    await settle();
    await told('y', 2, 2);
    await told('z', 1);

    ids.w = (await ask(sockets.w[1], panelId, 'statement')).intervention.id;
    // The speaker ending: x takes the floor, z moves up into place 2.
    await mod.ok('floor:next', { panelId });
    const last = await settle();
    expect(order(last)).toEqual([ids.y, ids.z, ids.w]);
    await told('z', 2, 2);
    await told('w', 0);
    await told('x', 1);

    // z says they are ready; the moderator sees it.
    const ready = (await sockets.z[1].ok('floor:ready', {
      panelId,
      interventionId: ids.z,
      ready: true,
    })) as InterventionView;
    expect(ready).toMatchObject({ id: ids.z, ready: true, onDeck: true });
    const seen: PanelSnapshot = await mod.waitFor('panel:state', (x: PanelSnapshot) =>
      x.queue.some((q) => q.ready),
    );
    expect(seen.queue.map((q) => [q.id, q.onDeck, q.ready])).toEqual([
      [ids.y, true, false],
      [ids.z, true, true],
      [ids.w, false, false],
    ]);
    const notMine = await sockets.y[0].send('floor:ready', { panelId, interventionId: ids.z, ready: false });
    expect(notMine).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const log = await floorLog(t.first, panelId);
    expect(log.filter((r) => ['queue:skip', 'floor:ready'].includes(r.action))).toMatchObject([
      { action: 'queue:skip', interventionId: ids.z, detail: { before: { index: 0 }, after: { index: 2 } } },
      { action: 'floor:ready', interventionId: ids.z, detail: { after: { ready: true } } },
    ]);
  }, 60_000);

  it('should refuse bad input with VALIDATION_FAILED and change nothing', async () => {
    const { panelId, moderator, people } = await setting(
      { a: 'member_state', b: 'member_state' },
      { orderPolicy: 'protocol' },
    );
    const mod = t.track(await joined(t.first, moderator, panelId));
    const [ca, ca2, cb] = await joinAll([people.a, people.a2, people.b], panelId);
    const spoken = await ask(ca, panelId, 'statement');
    await mod.ok('floor:next', { panelId });
    await mod.ok('floor:end', { panelId });
    const waiting = await ask(cb, panelId, 'statement');
    // What a right of reply may answer, as the delegate's form lists it: the speeches so far.
    const speeches = await request(t.second.url)
      .get(`/api/panels/${panelId}/speeches`)
      .set(as(people.b))
      .expect(200);
    expect(speeches.body).toMatchObject([{ id: spoken.intervention.id, status: 'done', note: null }]);
    const before = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    const logBefore = (await floorLog(t.first, panelId)).length;

    const bad: [LiveTestClient, string, Record<string, unknown>][] = [
      [ca2, 'floor:request', { kind: 'group_statement', onBehalfOf: 'Group of Friends' }],
      [ca2, 'floor:request', { kind: 'group_statement' }],
      [ca2, 'floor:request', { kind: 'statement', onBehalfOf: 'GRULAC' }],
      [ca2, 'floor:request', { kind: 'right_of_reply', replyTo: spoken.intervention.id }], // own delegation
      [ca2, 'floor:request', { kind: 'right_of_reply', replyTo: waiting.intervention.id }], // still queued
      [ca2, 'floor:request', { kind: 'right_of_reply' }],
      [ca2, 'floor:request', { kind: 'right_of_reply', replyTo: 'not-a-uuid' }],
      [mod, 'queue:skip', { interventionId: waiting.intervention.id, places: 0 }],
      [mod, 'queue:skip', { interventionId: waiting.intervention.id, places: 21 }],
      [cb, 'floor:ready', { interventionId: waiting.intervention.id, ready: 'yes' }],
    ];
    for (const [client, command, payload] of bad) {
      const answer = await client.send(command as 'floor:request', { panelId, ...payload });
      expect({ command, payload, answer }).toMatchObject({
        answer: { ok: false, error: { code: 'VALIDATION_FAILED' } },
      });
    }
    const after = (await mod.ok('panel:join', { panelId })) as PanelSnapshot;
    expect(after.version).toBe(before.version);
    expect(order(after)).toEqual(order(before));
    expect((await floorLog(t.first, panelId)).length).toBe(logBefore);
    const [{ n }] = await t.first.db.query(
      'SELECT COUNT(*)::int AS n FROM interventions WHERE panel_id = $1',
      [panelId],
    );
    expect(n).toBe(2);
  });

  it('should keep the floor invariants while moderators move and skip as delegates ask on both instances', async () => {
    const letters = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const { panelId, moderator, people } = await setting(
      Object.fromEntries(letters.map((l, i) => [l, i % 4 === 3 ? 'observer' : 'member_state'])),
      { orderPolicy: 'protocol', delegationBudgetSeconds: 600, onDeck: 3 },
    );
    const second = await makeUser(t.first.db, 'moderator');
    await t.first.db.query('INSERT INTO panel_moderators (panel_id, user_id) VALUES ($1, $2)', [
      panelId,
      second.id,
    ]);
    const mods = [
      { user: moderator, client: t.track(await joined(t.first, moderator, panelId)) },
      { user: second, client: t.track(await joined(t.second, second, panelId)) },
    ];
    const delegates = letters.flatMap((l) => [people[l], people[`${l}2`]]);
    const clients = await joinAll(delegates, panelId);
    // One speech to reply to.
    const first = await ask(clients[0], panelId, 'statement');
    await mods[0].client.ok('floor:next', { panelId });

    const commands: RecordedCommand[] = [];
    const send = async (client: LiveTestClient, actorId: string, command: string, payload: object) => {
      const entry: RecordedCommand = { command, actorId, payload: { panelId, ...payload }, ack: null };
      commands.push(entry);
      entry.ack = (await client.send(command as 'floor:request', entry.payload)) as RecordedCommand['ack'];
      return entry.ack;
    };
    let racing = true;
    const asking = clients.map(async (c, i) => {
      for (let n = 0; racing; n++) {
        // m0's delegates may not reply to their own delegation's speech: they make statements instead.
        const kinds = [
          'statement',
          'question',
          'point_of_order',
          'group_statement',
          i < 2 ? 'statement' : 'right_of_reply',
        ];
        const kind = kinds[(i + n) % 5];
        const extra =
          kind === 'group_statement'
            ? { onBehalfOf: GROUPS[n % GROUPS.length] }
            : kind === 'right_of_reply'
              ? { replyTo: first.intervention.id }
              : {};
        const ack = await send(c, delegates[i].id, 'floor:request', {
          kind,
          requestId: `d${i}-r${n}`,
          ...extra,
        });
        if (ack?.ok && n % 4 === 1) {
          await send(c, delegates[i].id, 'floor:withdraw', {
            interventionId: (ack.data as any).intervention.id,
          });
        }
        await sleep(90 + Math.random() * 60); // within the 20 commands a second
      }
    });
    const moderating = mods.map(async ({ user, client }, m) => {
      for (let k = 0; k < 40; k++) {
        const queue = client.states(panelId).at(-1)?.queue ?? [];
        const pick = queue[Math.floor(Math.random() * queue.length)];
        if (k % 10 === 9) await send(client, user.id, 'floor:next', { seconds: 30 });
        else if (pick && (k + m) % 2)
          await send(client, user.id, 'queue:skip', { interventionId: pick.id, places: 1 + (k % 3) });
        else if (pick) await send(client, user.id, 'queue:move', { interventionId: pick.id, toIndex: k % 4 });
        await sleep(60 + Math.random() * 40);
      }
    });
    await Promise.all(moderating);
    racing = false;
    await Promise.all(asking);

    const acks = commands.filter((c) => c.ack);
    expect(acks.length).toBe(commands.length);
    const unexpected = acks.filter(
      (c) =>
        !c.ack!.ok &&
        !['ALREADY_QUEUED', 'NOT_IN_QUEUE', 'REPLY_LIMIT', 'QUEUE_EMPTY'].includes(c.ack!.error.code),
    );
    expect(unexpected).toEqual([]);
    for (const command of ['queue:skip', 'queue:move', 'floor:request']) {
      expect(acks.filter((c) => c.command === command && c.ack!.ok).length).toBeGreaterThan(0);
    }
    expectFloorInvariants({ ...(await readFloorHistory(t.first.db, panelId)), commands });
  }, 120_000);
});
