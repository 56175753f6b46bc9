import request from 'supertest';
import { FloorLogEntryView, PanelSnapshot } from '@rostrum/contracts';
import { makeDelegation, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';
import { AppEvents, SpeakerChange, SpeakerChangeOutcome } from '../src/common/app-events';
import { floorLog, joined, livePanel, liveTestApi } from './support/floor-fixture';

describe('the floor and the panel: REST, status changes, records and the webcast hook (e2e)', () => {
  const t = liveTestApi();
  /** What the stand-in webcast does when the speaker changes. */
  let webcast: 'follows' | 'fails' | 'hangs' = 'follows';
  const speakerChanges: SpeakerChange[] = [];

  beforeAll(() => {
    t.api.app
      .get(AppEvents)
      .on('floor:speaker', 'test webcast', async (change): Promise<SpeakerChangeOutcome> => {
        speakerChanges.push(change);
        if (webcast === 'fails') return { webcastError: 'LiveKit is unreachable' };
        if (webcast === 'hangs') await new Promise(() => undefined);
        return { webcastError: null };
      });
  });
  afterEach(() => {
    webcast = 'follows';
  });

  const as = (user: Parameters<TestApi['tokenFor']>[0]) => ({
    Authorization: `Bearer ${t.api.tokenFor(user)}`,
  });

  describe('status changes over REST', () => {
    it('should broadcast the live state when the panel starts', async () => {
      const f = await livePanel(t.api, { delegates: 1, status: 'scheduled' });
      const del = t.track(await joined(t.api, f.delegates[0], f.panel.id));
      await request(t.api.url).post(`/api/panels/${f.panel.id}/start`).set(as(f.moderator)).expect(200);
      const state = await del.waitFor('panel:state');
      expect(state).toMatchObject({ status: 'live', queueOpen: true, version: del.joinedAt.version + 1 });
      expect(await del.send('floor:request', { panelId: f.panel.id, kind: 'statement' })).toMatchObject({
        ok: true,
      });
    });

    it('should end the speech, empty the queue and broadcast when the panel ends', async () => {
      const f = await livePanel(t.api, { delegates: 3 });
      const panelId = f.panel.id;
      const mod = t.track(await joined(t.api, f.moderator, panelId));
      const dels = await Promise.all(f.delegates.map(async (d) => t.track(await joined(t.api, d, panelId))));
      const ids: string[] = [];
      for (const d of dels)
        ids.push((await d.ok('floor:request', { panelId, kind: 'statement' })).intervention.id);
      const speaking = (await mod.ok('floor:next', { panelId })) as PanelSnapshot;
      speakerChanges.length = 0;

      const res = await request(t.api.url)
        .post(`/api/panels/${panelId}/end`)
        .set(as(f.moderator))
        .expect(200);
      expect(res.body).toMatchObject({ status: 'ended', queueOpen: false });
      const state = await dels[2].waitFor(
        'panel:state',
        (s: PanelSnapshot) => s.version === speaking.version + 1,
      );
      expect(state).toMatchObject({ status: 'ended', queueOpen: false, speaker: null, queue: [] });
      const rows = await t.api.db.query(
        'SELECT id, status, end_reason AS "endReason" FROM interventions WHERE panel_id = $1 ORDER BY requested_at',
        [panelId],
      );
      expect(rows).toEqual([
        { id: ids[0], status: 'done', endReason: 'panel_ended' },
        { id: ids[1], status: 'removed', endReason: 'panel_ended' },
        { id: ids[2], status: 'removed', endReason: 'panel_ended' },
      ]);
      expect(speakerChanges).toEqual([
        { panelId, granted: null, revoked: { userId: f.delegates[0].id, interventionId: ids[0] } },
      ]);
      const log = await floorLog(t.api, panelId);
      expect(log.slice(-2).map((r) => [r.action, r.version])).toEqual([
        ['speech:ended', null],
        ['panel:end', speaking.version + 1],
      ]);
      expect(log.at(-2)!.detail).toMatchObject({ reason: 'panel_ended' });
      expect(await dels[1].send('floor:request', { panelId, kind: 'statement' })).toMatchObject({
        ok: false,
        error: { code: 'PANEL_NOT_LIVE' },
      });
      expect(await mod.send('floor:next', { panelId })).toMatchObject({
        ok: false,
        error: { code: 'PANEL_NOT_LIVE' },
      });
    });

    it('should broadcast a settings change with the next version, and nothing for other edits', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const panelId = f.panel.id;
      const del = t.track(await joined(t.api, f.delegates[0], panelId));
      await del.ok('floor:request', { panelId, kind: 'statement' });
      const queued = await del.waitFor('panel:state');
      await request(t.api.url)
        .patch(`/api/panels/${panelId}`)
        .set(as(f.moderator))
        .send({ title: 'Renamed' })
        .expect(200);
      const res = await request(t.api.url)
        .patch(`/api/panels/${panelId}`)
        .set(as(f.moderator))
        .send({ settings: { speakingSeconds: 240 } })
        .expect(200);
      expect(res.body.version).toBe(queued.version + 1);
      const state = await del.waitFor('panel:state', (s: PanelSnapshot) => s.version === queued.version + 1);
      expect(state.queue[0].allottedSeconds).toBe(240);
      expect(del.states(panelId).map((s) => s.version)).toEqual([queued.version, queued.version + 1]);
      const log = await floorLog(t.api, panelId);
      expect(log.at(-1)).toMatchObject({
        action: 'panel:settings',
        actorId: f.moderator.id,
        version: queued.version + 1,
        detail: { before: { speakingSeconds: 180 }, after: { speakingSeconds: 240 } },
      });
    });
  });

  describe('the record', () => {
    it('should give staff and the panel’s moderators the floor log, in order, and refuse others', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const panelId = f.panel.id;
      const mod = t.track(await joined(t.api, f.moderator, panelId));
      const del = t.track(await joined(t.api, f.delegates[0], panelId));
      const asked = await del.ok('floor:request', { panelId, kind: 'question', note: 'Data sets' });
      await mod.ok('floor:next', { panelId });
      const staff = await makeUser(t.api.db, 'staff');
      const otherModerator = await makeUser(t.api.db, 'moderator');

      const res = await request(t.api.url)
        .get(`/api/panels/${panelId}/floor-log`)
        .set(as(f.moderator))
        .expect(200);
      const entries = res.body as FloorLogEntryView[];
      expect(entries.map((e) => e.action)).toEqual(['floor:request', 'speech:started', 'floor:next']);
      expect(entries[0]).toEqual({
        seq: expect.any(Number),
        panelId,
        at: expect.stringMatching(/Z$/),
        actor: { id: f.delegates[0].id, name: f.delegates[0].name, role: 'delegate' },
        action: 'floor:request',
        interventionId: asked.intervention.id,
        questionId: null,
        detail: { before: null, after: { status: 'queued', kind: 'question', position: 1 } },
        prevHash: '0'.repeat(64),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(entries[1].prevHash).toBe(entries[0].hash);
      expect(entries[1].seq).toBeGreaterThan(entries[0].seq);
      expect(entries[2].actor).toEqual({ id: f.moderator.id, name: f.moderator.name, role: 'moderator' });
      await request(t.api.url).get(`/api/panels/${panelId}/floor-log`).set(as(staff)).expect(200);
      const refused = await request(t.api.url)
        .get(`/api/panels/${panelId}/floor-log`)
        .set(as(f.delegates[0]));
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      await request(t.api.url).get(`/api/panels/${panelId}/floor-log`).set(as(otherModerator)).expect(403);
      await request(t.api.url).get(`/api/panels/${panelId}/floor-log`).expect(401);
      const missing = '00000000-0000-4000-8000-000000000000';
      await request(t.api.url).get(`/api/panels/${missing}/floor-log`).set(as(staff)).expect(404);
    });

    it('should add up finished speeches and spoken time per delegation', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const panelId = f.panel.id;
      const delegation = await makeDelegation(t.api.db, { name: 'Aaland' });
      const colleague = await makeUser(t.api.db, 'delegate', { delegationId: delegation.id });
      const partner = await makeUser(t.api.db, 'delegate', { delegationId: delegation.id });
      const mod = t.track(await joined(t.api, f.moderator, panelId));
      const speakers = [colleague, partner, f.delegates[0]];
      for (const user of speakers) {
        const c = t.track(await joined(t.api, user, panelId));
        await c.ok('floor:request', { panelId, kind: 'statement' });
        await mod.ok('floor:next', { panelId });
        await new Promise((r) => setTimeout(r, 300));
        await mod.ok('floor:end', { panelId });
      }
      const res = await request(t.api.url)
        .get(`/api/panels/${panelId}/speaking-stats`)
        .set(as(f.moderator))
        .expect(200);
      expect(res.body).toHaveLength(2);
      expect(res.body[0]).toMatchObject({ delegationId: delegation.id, name: 'Aaland', interventions: 2 });
      expect(res.body[0].spokenSeconds).toBeGreaterThanOrEqual(0.5);
      expect(res.body[1]).toMatchObject({ delegationId: f.delegates[0].delegationId, interventions: 1 });
      await request(t.api.url).get(`/api/panels/${panelId}/speaking-stats`).set(as(colleague)).expect(403);
    });
  });

  describe('the public panel', () => {
    it('should show anyone the panel, its public snapshot and the webcast state', async () => {
      const f = await livePanel(t.api, { delegates: 1 });
      const del = t.track(await joined(t.api, f.delegates[0], f.panel.id));
      await del.ok('floor:request', { panelId: f.panel.id, kind: 'statement', note: 'not for the public' });
      const res = await request(t.api.url).get(`/api/public/panels/${f.panel.id}`).expect(200);
      expect(res.body.panel).toMatchObject({ id: f.panel.id, title: f.panel.title, status: 'live' });
      expect(res.body.panel.settings).toBeUndefined();
      expect(res.body.snapshot).toMatchObject({ panelId: f.panel.id, status: 'live', speaker: null });
      expect(res.body.snapshot.queue[0]).toMatchObject({
        note: null,
        delegate: { name: f.delegates[0].name },
      });
      expect(res.body.webcast).toEqual({ live: false, hlsUrl: null, hls: [] }); // LiveKit not configured here
      await request(t.api.url).get('/api/public/panels/00000000-0000-4000-8000-000000000000').expect(404);
      await request(t.api.url).get('/api/public/panels/nope').expect(400);
    });

    it('should call the webcast live when the panel is live and LiveKit is configured', async () => {
      const withLiveKit = await startTestApi({
        shareWith: t.api,
        env: {
          LIVEKIT_URL: 'ws://127.0.0.1:7880',
          LIVEKIT_API_KEY: 'devkey',
          LIVEKIT_API_SECRET: 'a-livekit-secret-of-at-least-32-characters',
        },
      });
      try {
        const f = await livePanel(t.api, { delegates: 0 });
        const res = await request(withLiveKit.url).get(`/api/public/panels/${f.panel.id}`).expect(200);
        expect(res.body.webcast).toEqual({ live: true, hlsUrl: null, hls: [] });
      } finally {
        await withLiveKit.close();
      }
    });
  });

  describe('the webcast following the floor', () => {
    async function queued() {
      const f = await livePanel(t.api, { delegates: 1 });
      const mod = t.track(await joined(t.api, f.moderator, f.panel.id));
      const del = t.track(await joined(t.api, f.delegates[0], f.panel.id));
      const asked = await del.ok('floor:request', { panelId: f.panel.id, kind: 'statement' });
      return { ...f, mod, del, interventionId: asked.intervention.id };
    }

    it('should tell the webcast who got and who lost the floor', async () => {
      const { panel, mod, delegates, interventionId } = await queued();
      speakerChanges.length = 0;
      const granted = (await mod.ok('floor:next', { panelId: panel.id })) as PanelSnapshot & {
        webcastError?: string;
      };
      expect(granted.webcastError).toBeUndefined();
      await mod.ok('floor:end', { panelId: panel.id });
      const speaker = { userId: delegates[0].id, interventionId };
      expect(speakerChanges).toEqual([
        { panelId: panel.id, granted: speaker, revoked: null },
        { panelId: panel.id, granted: null, revoked: speaker },
      ]);
    });

    it('should give the floor all the same and tell the moderator when the webcast did not follow', async () => {
      const { panel, mod, del, interventionId } = await queued();
      webcast = 'fails';
      const granted = await mod.ok('floor:grant', { panelId: panel.id, interventionId });
      expect(granted).toMatchObject({
        speaker: { id: interventionId },
        webcastError: 'LiveKit is unreachable',
      });
      const seen = await del.waitFor('panel:state', (s: PanelSnapshot) => s.version === granted.version);
      expect(seen.speaker?.id).toBe(interventionId);
      expect('webcastError' in seen).toBe(false);
    });

    it('should not let a hanging webcast hold the moderator’s answer more than about 2 s', async () => {
      const { panel, mod, interventionId } = await queued();
      webcast = 'hangs';
      const started = Date.now();
      const granted = await mod.ok('floor:grant', { panelId: panel.id, interventionId });
      expect(Date.now() - started).toBeLessThan(3500);
      expect(granted).toMatchObject({
        speaker: { id: interventionId },
        webcastError: expect.stringMatching(/in time/),
      });
    });
  });
});
