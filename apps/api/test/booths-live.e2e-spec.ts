import { BoothState, WebcastTokenView } from '@rostrum/contracts';
import { EventEntity, PanelEntity, UserEntity } from '@rostrum/database';
import {
  connectLive,
  eventually,
  LiveTestClient,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  startWebcastTestApi,
  TestApi,
  WebcastTestApi,
  webhookEvent,
} from '@rostrum/test-harness';
import { BoothsService } from '../src/interpretation/booths.service';
import { floorLog } from './support/floor-fixture';

const MICROPHONE = 2;
const ROUNDS = 200;

/**
 * Who speaks in an interpretation booth (issue 17): `booth:*` on the socket, on the change path and in the
 * record, at most one live interpreter per booth and panel whatever the races — two API instances, and the
 * LiveKit stand-in's publish permissions as the proof that only the live interpreter can be heard.
 */
describe('interpretation booths live (e2e)', () => {
  let kit: WebcastTestApi;
  let second: TestApi;
  let event: EventEntity;
  let panel: PanelEntity;
  let moderator: UserEntity;
  let amelie: UserEntity;
  let bo: UserEntity;
  let chen: UserEntity;
  let room: string;
  /** The French booth of the panel. */
  let fr: { panelId: string; language: string };
  const clients: LiveTestClient[] = [];

  beforeAll(async () => {
    kit = await startWebcastTestApi();
    second = await startTestApi({ shareWith: kit.api, env: kit.livekit.env() });
    const db = kit.api.db;
    moderator = await makeUser(db, 'moderator', { name: 'Mona Moderator' });
    event = await makeEvent(db, { languages: ['en', 'fr', 'zh'] });
    panel = await makePanel(db, { event, moderators: [moderator] });
    room = `panel-${panel.id}`;
    fr = { panelId: panel.id, language: 'fr' };
    await kit.panelAction('start', panel.id, moderator);
    amelie = await makeUser(db, 'interpreter', { name: 'Amélie Interprète' });
    bo = await makeUser(db, 'interpreter', { name: 'Bo Yang' });
    chen = await makeUser(db, 'interpreter', { name: 'Chen Li' });
    const booths = kit.api.app.get(BoothsService);
    await booths.put(event.id, 'fr', [amelie.id, bo.id]);
    await booths.put(event.id, 'zh', [chen.id]);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await second.close();
    await kit.close();
  });

  async function joinedTo(api: TestApi, user: UserEntity): Promise<LiveTestClient> {
    const client = await connectLive(api.url, { token: api.tokenFor(user) });
    clients.push(client);
    await client.ok('panel:join', { panelId: panel.id });
    return client;
  }
  const boothRecord = async () =>
    (await floorLog(kit.api, panel.id)).filter((e) => e.action.startsWith('booth:'));
  const openShifts = () =>
    kit.api.db.query(
      `SELECT language, interpreter_id AS "interpreterId" FROM booth_shifts WHERE panel_id = $1 AND ended_at IS NULL`,
      [panel.id],
    ) as Promise<{ language: string; interpreterId: string }[]>;
  const endedShifts = async () =>
    Number(
      (
        await kit.api.db.query(
          `SELECT count(*) AS n FROM booth_shifts WHERE panel_id = $1 AND ended_at IS NOT NULL`,
          [panel.id],
        )
      )[0].n,
    );
  const frPublishers = () => kit.livekit.publishers(room).filter((id) => id === amelie.id || id === bo.id);

  it('should show who is online and live to the booth and to the panel’s moderators, on every change', async () => {
    const mod = await joinedTo(kit.api, moderator);
    const a = await joinedTo(kit.api, amelie);
    const b = await joinedTo(second, bo);

    const joinedA = await a.ok('booth:join', fr);
    expect(joinedA).toEqual({
      panelId: panel.id,
      language: 'fr',
      live: null,
      relayFrom: 'floor',
      online: [{ id: amelie.id, name: 'Amélie Interprète' }],
      seq: expect.any(Number),
    });
    const joinedB = await b.ok('booth:join', fr);
    expect(joinedB.online.map((p) => p.name)).toEqual(['Amélie Interprète', 'Bo Yang']);
    // Amélie (on the other instance) and the moderator hear that Bo came online.
    for (const c of [a, mod]) {
      await c.waitFor('booth:state', (s: BoothState) => s.language === 'fr' && s.online.length === 2);
    }

    const taken = await a.ok('booth:take', fr);
    expect(taken.live).toEqual({ id: amelie.id, name: 'Amélie Interprète' });
    await b.waitFor('booth:state', (s: BoothState) => s.live?.id === amelie.id);
    await mod.waitFor('booth:state', (s: BoothState) => s.live?.id === amelie.id);

    // Bo takes over: Amélie is cut at once.
    const takenOver = await b.ok('booth:take', fr);
    expect(takenOver.live?.id).toBe(bo.id);
    await a.waitFor('booth:state', (s: BoothState) => s.live?.id === bo.id);

    const relayed = await b.ok('booth:relay', { ...fr, from: 'zh' });
    expect(relayed.relayFrom).toBe('zh');
    const released = await b.ok('booth:release', fr);
    expect(released).toMatchObject({ live: null, relayFrom: 'zh' });
    // Each change is a newer record head (clients keep the highest); coming online writes nothing.
    expect(joinedB.seq).toBe(joinedA.seq);
    const seqs = [joinedA, taken, takenOver, relayed, released].map((s) => s.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    await mod.waitFor('booth:state', (s: BoothState) => s.live === null && s.relayFrom === 'zh');

    // A moderator joining the panel sees every booth of the event.
    const joined = (await mod.ok('panel:join', { panelId: panel.id })) as unknown as { booths: BoothState[] };
    expect(joined.booths.map((s) => [s.language, s.live, s.online.length])).toEqual([
      ['en', null, 0],
      ['fr', null, 2],
      ['zh', null, 0],
    ]);

    // Bo drops: the others see him go offline.
    b.close();
    await a.waitFor('booth:state', (s: BoothState) => s.online.length === 1 && s.online[0].id === amelie.id);

    const entries = (await boothRecord()).slice(-4);
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ['booth:take', amelie.id],
      ['booth:take', bo.id],
      ['booth:relay', bo.id],
      ['booth:release', bo.id],
    ]);
    expect(entries[1].detail).toEqual({
      language: 'fr',
      interpreter: { id: bo.id, name: 'Bo Yang' },
      previous: { id: amelie.id, name: 'Amélie Interprète' },
    });
    expect(entries[0].version).toBeNull(); // booths do not move the floor's version
  });

  it('should hold one live interpreter per booth and panel in the schema itself', async () => {
    const open = (userId: string) =>
      kit.api.db.query(
        `INSERT INTO booth_shifts (panel_id, language, interpreter_id) VALUES ($1, 'zh', $2)`,
        [panel.id, userId],
      );
    await open(chen.id);
    await expect(open(amelie.id)).rejects.toThrow(/UQ_booth_shifts_one_live_per_booth/);
    await kit.api.db.query(`DELETE FROM booth_shifts WHERE panel_id = $1 AND language = 'zh'`, [panel.id]);
  });

  it('should refuse bad booth commands with the contract’s codes and change nothing', async () => {
    const a = await joinedTo(kit.api, amelie);
    const c = await joinedTo(kit.api, chen);
    const delegate = await joinedTo(kit.api, await makeUser(kit.api.db, 'delegate'));
    const stranger = await connectLive(kit.api.url, { token: kit.api.tokenFor(bo) });
    clients.push(stranger);
    const before = await boothRecord();

    const refusals: [LiveTestClient, string, object, string][] = [
      [a, 'booth:take', { panelId: panel.id, language: 'de' }, 'VALIDATION_FAILED'],
      [a, 'booth:join', { panelId: panel.id, language: 'de' }, 'VALIDATION_FAILED'],
      [a, 'booth:take', { panelId: panel.id, language: 'FR!' }, 'VALIDATION_FAILED'],
      [a, 'booth:take', { panelId: 'nope', language: 'fr' }, 'VALIDATION_FAILED'],
      [a, 'booth:relay', { ...fr, from: 'fr' }, 'VALIDATION_FAILED'],
      [a, 'booth:relay', { ...fr, from: 'de' }, 'VALIDATION_FAILED'],
      [c, 'booth:take', fr, 'FORBIDDEN'],
      [c, 'booth:join', fr, 'FORBIDDEN'],
      [delegate, 'booth:take', fr, 'FORBIDDEN'],
      [stranger, 'booth:take', fr, 'NOT_JOINED'],
    ];
    for (const [client, command, payload, code] of refusals) {
      const answer = await client.send(command as 'booth:take', payload);
      expect({ command, payload, answer }).toMatchObject({
        command,
        answer: { ok: false, error: { code } },
      });
    }
    expect(await boothRecord()).toEqual(before);
    expect(await openShifts()).toEqual([]);
  });

  it('should give interpreters tokens with their booth’s attributes, the microphone only while live, and the channels', async () => {
    const a = await joinedTo(kit.api, amelie);
    const offToken = await kit.joinToken(panel.id, amelie);
    const offClaims = await kit.decode(offToken.token);
    expect(offClaims.attributes).toEqual({ role: 'interpreter', language: 'fr' });
    expect(offClaims.video).toMatchObject({ canPublish: false, canUpdateOwnMetadata: false });
    expect(offToken.channels).toEqual([
      { language: 'floor', live: true },
      { language: 'en', live: false },
      { language: 'fr', live: false },
      { language: 'zh', live: false },
    ]);

    await a.ok('booth:take', fr);
    const onToken = await kit.joinToken(panel.id, amelie);
    expect(await kit.decode(onToken.token)).toMatchObject({
      video: { canPublish: true, canPublishSources: ['microphone'], canUpdateOwnMetadata: false },
    });
    for (const answer of [onToken, await kit.joinToken(panel.id), await kit.joinToken(panel.id, moderator)]) {
      expect(answer.channels).toContainEqual({ language: 'fr', live: true });
    }
    await a.ok('booth:release', fr);
  });

  it(`should keep exactly one live interpreter per booth through ${ROUNDS} racing takes on two instances, in the record and on LiveKit`, async () => {
    const a = await joinedTo(kit.api, amelie);
    const b = await joinedTo(second, bo);
    await a.ok('booth:join', fr);
    await b.ok('booth:join', fr);
    // Both in the LiveKit room, with the tokens the API gives them now (neither is live).
    const tokens = new Map<string, WebcastTokenView>();
    for (const user of [amelie, bo]) {
      tokens.set(user.id, await kit.joinToken(panel.id, user));
      await kit.livekit.join(tokens.get(user.id)!.token);
    }
    expect(frPublishers()).toEqual([]);
    const shiftsBefore = Number((await kit.api.db.query(`SELECT count(*) AS n FROM booth_shifts`))[0].n);
    const recordBefore = (await boothRecord()).length;
    const endedBefore = await endedShifts();

    for (let round = 0; round < ROUNDS; round++) {
      // Each interpreter may send 20 commands a second (RATE_LIMITED beyond): at most one round per 60 ms.
      const pace = new Promise((resolve) => setTimeout(resolve, 60));
      // Mostly two takes at once; every fifth round the live one releases while the other takes.
      const live = (await openShifts()).find((s) => s.language === 'fr')?.interpreterId;
      const aCommand = round % 5 === 4 && live === amelie.id ? 'booth:release' : 'booth:take';
      const bCommand = round % 5 === 4 && live === bo.id ? 'booth:release' : 'booth:take';
      const [ackA, ackB] = await Promise.all([a.send(aCommand, fr), b.send(bCommand, fr)]);
      expect([ackA, ackB].filter((ack) => !ack.ok)).toEqual([]);

      const open = (await openShifts()).filter((s) => s.language === 'fr');
      expect(open.length).toBeLessThanOrEqual(1);
      // LiveKit follows: exactly the live interpreter may publish, and only the microphone. (Each answer
      // waits up to 2 s for the webcast; a busy machine may need a moment more.)
      const expected = JSON.stringify(open.map((s) => s.interpreterId));
      await eventually(() => JSON.stringify(frPublishers()) === expected, 10_000, 'LiveKit to follow');
      for (const id of open.map((s) => s.interpreterId)) {
        expect(kit.livekit.participant(room, id)!.permission!.canPublishSources).toEqual([MICROPHONE]);
      }
      await pace;
    }

    // Every change is in the record: one take entry per stint, one release or take-over ends each.
    const shifts = Number((await kit.api.db.query(`SELECT count(*) AS n FROM booth_shifts`))[0].n);
    const entries = (await boothRecord()).slice(recordBefore);
    expect(entries.filter((e) => e.action === 'booth:take')).toHaveLength(shifts - shiftsBefore);
    const releases = entries.filter((e) => e.action === 'booth:release').length;
    const takeOvers = entries.filter((e) => e.action === 'booth:take' && e.detail.previous).length;
    expect(releases + takeOvers).toBe((await endedShifts()) - endedBefore);
    expect(shifts - shiftsBefore).toBeGreaterThan(ROUNDS / 4); // the booth really changed hands

    // Make sure someone is live, then the one who is not reconnects with a token minted while live.
    await a.ok('booth:take', fr);
    const liveToken = await kit.joinToken(panel.id, amelie);
    await b.ok('booth:take', fr);
    expect(frPublishers()).toEqual([bo.id]);
    await kit.livekit.reconnect(room, amelie.id, liveToken.token); // comes back able to publish …
    expect(frPublishers()).toEqual([bo.id]); // … until the participant_joined webhook cut her again

    // A duplicate of that webhook changes nothing; a fresh one for a stale participant re-enforces.
    const calls = kit.livekit.callsTo('UpdateParticipant').length;
    const participant = kit.livekit.participant(room, amelie.id)!;
    const joinedEvent = webhookEvent('participant_joined', {
      room: kit.livekit.state.rooms.get(room)!.room,
      participant,
    });
    const delivery = await kit.livekit.sendWebhook(joinedEvent);
    expect(delivery.status).toBe(200);
    participant.permission!.canPublish = true; // as if LiveKit had applied an old token's grant
    const replay = await fetch(kit.livekit.webhookUrl!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/webhook+json', Authorization: delivery.authorization! },
      body: delivery.body,
    });
    expect(replay.status).toBe(200);
    expect(kit.livekit.callsTo('UpdateParticipant').length).toBe(calls + 2); // the first delivery only
    joinedEvent.id = '';
    await kit.livekit.sendWebhook(joinedEvent);
    expect(frPublishers()).toEqual([bo.id]);
  }, 240_000);

  it('should take every booth off air when the panel ends, in the record, and refuse takes after', async () => {
    const a = await joinedTo(kit.api, amelie);
    await a.ok('booth:take', fr);
    await kit.panelAction('end', panel.id, moderator);
    expect(await openShifts()).toEqual([]);
    const [last] = (await boothRecord()).slice(-1);
    expect(last).toMatchObject({
      action: 'booth:release',
      actorId: moderator.id,
      detail: {
        language: 'fr',
        interpreter: { id: amelie.id, name: 'Amélie Interprète' },
        reason: 'panel ended',
      },
    });
    expect(await a.send('booth:take', fr)).toMatchObject({ ok: false, error: { code: 'PANEL_NOT_LIVE' } });
  });
});
