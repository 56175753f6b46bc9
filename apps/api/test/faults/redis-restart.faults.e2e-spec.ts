import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import {
  eventually,
  FollowingClient,
  followPanel,
  LiveTestClient,
  makeTestVideo,
  makeUser,
  startTestApi,
  startTestWorker,
  TestApi,
  proxyFor,
  TcpProxy,
  TestRedisServer,
} from '@rostrum/test-harness';
import { expectFloorInvariants, readFloorHistory, RecordedCommand } from '../support/floor-invariants';
import { joined, livePanel } from '../support/floor-fixture';
import { recorder } from './support/fault-support';

const OUTAGE_MS = 3000;
/** How long the speech granted before the crash runs: its time-up falls due a few seconds after Redis is back. */
const SPEECH_SECONDS = 8;

/**
 * Redis (our own server, with the append-only file production is told to use) crashes and comes back on the
 * same port while two API instances serve clients, a speech's time-up is scheduled and archive jobs are
 * queued. Afterwards the time-up has fired once, the archive jobs have completed, broadcasts cross the
 * instances again, every client converges, and PostgreSQL holds exactly what was acknowledged.
 */
describe('fault: Redis restarted with jobs queued and clients on two instances (e2e)', () => {
  const redis = new TestRedisServer();
  /** Instance B reaches Redis through this proxy, so it alone can lose Redis (a network partition). */
  let bToRedis: TcpProxy;
  let a: TestApi;
  let b: TestApi;
  let worker: INestApplicationContext;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    await redis.start();
    // A short archive lock: a job whose lock could not be renewed while Redis was down comes back quickly.
    const env = { REDIS_URL: redis.url, ARCHIVE_LOCK_MS: '2000', ARCHIVE_STALLED_INTERVAL_MS: '1000' };
    a = await startTestApi({ env });
    bToRedis = await proxyFor(redis.url).start();
    b = await startTestApi({ shareWith: a, env: { ...env, REDIS_URL: bToRedis.route(redis.url) } });
    worker = await startTestWorker(a.config);
    mkdirSync(a.config.recordingsDir, { recursive: true });
    // Codecs browsers cannot play: the worker re-encodes for a few seconds, so one job is mid-way at the crash.
    await Promise.all(
      ['one', 'two'].map((name) =>
        makeTestVideo(join(a.config.recordingsDir, `${name}.mkv`), { seconds: 12, codec: 'legacy' }),
      ),
    );
  }, 90_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await worker?.close();
    await bToRedis?.start(); // B's shutdown says goodbye to Redis
    await b?.close();
    await a?.close();
    await bToRedis?.cut();
    await redis.stop();
    rmSync(dirname(a.config.recordingsDir), { recursive: true, force: true });
  });

  it('should fire the time-up, finish the archive jobs and bring every client back, changing nothing in PostgreSQL', async () => {
    const f = await livePanel(a, { delegates: 4 });
    const panelId = f.panel.id;
    const [d0, d1, d2, d3] = f.delegates;
    const track = <T extends { close(): void }>(c: T) => (clients.push(c), c);
    const moderator = track(await joined(a, f.moderator, panelId));
    const speaker = track(await joined(b, d0, panelId));
    const onA = track(await joined(a, d1, panelId));
    const onB = track(await joined(b, d2, panelId));
    const followers: FollowingClient[] = [];
    for (const api of [a, b, a, b, a, b]) followers.push(track(await followPanel(api.url, panelId)));
    followers.push(track(await followPanel(b.url, panelId, { token: b.tokenFor(d3) })));

    const commands: RecordedCommand[] = [];
    const send = recorder(commands);
    const asked = await send(speaker, d0.id, 'floor:request', {
      panelId,
      kind: 'statement',
      requestId: 'r0',
    });
    expect(asked?.ok).toBe(true);
    const granted = await send(moderator, f.moderator.id, 'floor:grant', {
      panelId,
      interventionId: (asked as { data: { intervention: { id: string } } }).data.intervention.id,
      seconds: SPEECH_SECONDS,
    });
    expect(granted?.ok).toBe(true);

    const staff = a.tokenFor(await makeUser(a.db, 'staff'));
    const recordings: string[] = [];
    for (const sourcePath of ['one.mkv', 'two.mkv']) {
      const res = await request(a.url)
        .post('/api/recordings/import')
        .set('Authorization', `Bearer ${staff}`)
        .send({ panelId, sourcePath })
        .expect(201);
      recordings.push(res.body.id);
    }
    const before = await readFloorHistory(a.db, panelId);

    // Redis dies; while it is away a delegate on instance A asks for the floor.
    await redis.crash();
    const duringOutage = send(onA, d1.id, 'floor:request', { panelId, kind: 'question', requestId: 'r1' });
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await redis.start();
    const outageAnswer = await duringOutage;
    // Whether its broadcast was queued until Redis came back or lost, every client catches up on it without
    // waiting for another change.
    const [{ version: afterOutage }] = await a.db.query('SELECT version FROM panels WHERE id = $1', [
      panelId,
    ]);
    await Promise.all(followers.map((c) => c.reaches(afterOutage, 10_000)));

    // The time-up that fell due during the outage fires, once, to the clients of both instances.
    const timeup = await Promise.all(
      [moderator, speaker, onA, onB].map((c: LiveTestClient) =>
        c.waitFor('floor:timeup', () => true, 15_000),
      ),
    );
    const speechId = (asked as { data: { intervention: { id: string } } }).data.intervention.id;
    expect(timeup.map((t) => t.interventionId)).toEqual([speechId, speechId, speechId, speechId]);

    // Broadcasts cross the instances again, both ways: a change on each reaches the clients of the other.
    const extended = await send(moderator, f.moderator.id, 'floor:extend', { panelId, seconds: 60 });
    expect(extended?.ok).toBe(true);
    const fromB = await send(onB, d2.id, 'floor:request', { panelId, kind: 'statement', requestId: 'r2' });
    expect(fromB?.ok).toBe(true);

    // Every client — the ones that missed a broadcast included — converges on the latest version.
    const after = await readFloorHistory(a.db, panelId);
    await Promise.all(followers.map((c) => c.reaches(after.panelVersion, 10_000)));
    for (const c of [moderator, speaker, onA, onB]) {
      await c.waitFor('panel:state', (s) => s.version >= after.panelVersion, 10_000);
    }

    // PostgreSQL: the log before the crash is untouched, and what came after is exactly what was answered.
    expect(after.log.slice(0, before.log.length)).toEqual(before.log);
    // (The worker's recording:archived entries come when the archive jobs finish: counted below.)
    const added = after.log
      .slice(before.log.length)
      .map((r) => r.action)
      .filter((action) => action !== 'recording:archived');
    const outageRequest = outageAnswer?.ok ? ['floor:request'] : [];
    expect(added.sort()).toEqual([...outageRequest, 'floor:timeup', 'floor:extend', 'floor:request'].sort());
    expect(after.log.filter((r) => r.action === 'floor:timeup')).toHaveLength(1);
    expectFloorInvariants({ ...after, commands });

    // The archive jobs queued when Redis died complete.
    for (const id of recordings) {
      const row = await eventually(async () => {
        const [r] = await a.db.query('SELECT status, error FROM recordings WHERE id = $1', [id]);
        return r.status === 'ready' || r.status === 'failed' ? r : null;
      }, 90_000);
      expect(row).toEqual({ status: 'ready', error: null });
    }
    // Each archived once into the panel's record, whose chain holds.
    const final = await readFloorHistory(a.db, panelId);
    expect(final.log.filter((r) => r.action === 'recording:archived')).toHaveLength(recordings.length);
    expectFloorInvariants({ ...final, commands });
  }, 180_000);

  it('should bring back the clients of an instance that lost Redis for a moment, without waiting for a change', async () => {
    const f = await livePanel(a, { delegates: 1 });
    const panelId = f.panel.id;
    const moderator = await joined(a, f.moderator, panelId);
    clients.push(moderator);
    const onA = await followPanel(a.url, panelId);
    const onB = await Promise.all([
      followPanel(b.url, panelId),
      followPanel(b.url, panelId),
      followPanel(b.url, panelId, { token: b.tokenFor(f.delegates[0]) }),
    ]);
    clients.push(onA, ...onB);

    await bToRedis.cut();
    const changed = await moderator.ok('queue:close', { panelId });
    await onA.reaches(changed.version);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Instance B was not listening: its clients never got that broadcast, and no other change will come.
    expect(onB.map((c) => c.version)).toEqual(onB.map(() => changed.version - 1));

    await bToRedis.start();
    await Promise.all(onB.map((c) => c.reaches(changed.version, 15_000)));
    // They joined again, so what else they missed (questions) is fresh too.
    await eventually(() => onB.every((c) => c.joins === 2), 10_000);
  }, 60_000);
});
