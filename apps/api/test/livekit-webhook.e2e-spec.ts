import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { EgressInfo, EgressStatus } from 'livekit-server-sdk';
import { QUEUES } from '@rostrum/contracts';
import { RecordingEntity, UserEntity } from '@rostrum/database';
import {
  makeEvent,
  makePanel,
  makeUser,
  startWebcastTestApi,
  WebcastTestApi,
  webhookEvent,
} from '@rostrum/test-harness';
import { WebcastPresenceService } from '../src/webcast/webcast-presence.service';
import { WebcastReconciler } from '../src/webcast/webcast-reconciler.service';

describe('LiveKit webhook and reconciler (e2e)', () => {
  let kit: WebcastTestApi;
  let moderator: UserEntity;
  let archive: Queue;

  beforeAll(async () => {
    kit = await startWebcastTestApi();
    moderator = await makeUser(kit.api.db, 'moderator');
    archive = kit.api.app.get<Queue>(getQueueToken(QUEUES.archive));
  });
  afterAll(() => kit.close());

  /** A live panel (floor only) with its recording under way; returns the panel and its recording row. */
  async function recordingPanel() {
    const event = await makeEvent(kit.api.db, { languages: [] });
    const panel = await makePanel(kit.api.db, { event, moderators: [moderator] });
    await kit.panelAction('start', panel.id, moderator);
    const recording = await kit.api.db.getRepository(RecordingEntity).findOneByOrFail({ panelId: panel.id });
    return { panel, recording };
  }

  const reload = (recording: RecordingEntity) =>
    kit.api.db.getRepository(RecordingEntity).findOneByOrFail({ id: recording.id });

  const archiveJobsFor = async (recording: RecordingEntity) =>
    (await archive.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
      (j) => j.data.recordingId === recording.id,
    );

  /** The egress_ended event LiveKit would send, without sending it. */
  async function endedEvent(egressId: string) {
    const { info } = await kit.livekit.finishEgress(egressId, { notify: false });
    return webhookEvent('egress_ended', { egressInfo: info });
  }

  const handledEvents = async (id: string) =>
    (await kit.api.db.query('SELECT id FROM livekit_webhook_events WHERE id = $1', [id])).length;

  it('should refuse a webhook signed with another secret, and change nothing', async () => {
    const { recording } = await recordingPanel();
    const event = await endedEvent(recording.egressId!);
    const forged = await kit.livekit.sendWebhook(event, {
      apiSecret: 'not-the-secret-0123456789-abcdefghijkl',
    });
    expect(forged.status).toBe(401);
    expect((await reload(recording)).status).toBe('recording');
    expect(await handledEvents(forged.eventId)).toBe(0);
    expect(await archiveJobsFor(recording)).toHaveLength(0);
  });

  it('should refuse a tampered body, an expired signature, a missing header and a "Bearer" one', async () => {
    const { recording } = await recordingPanel();
    const event = await endedEvent(recording.egressId!);
    const tampered = await kit.livekit.sendWebhook(event, {
      tamper: (body) => body.replace(/"status":"EGRESS_COMPLETE"/, '"status":"EGRESS_FAILED"'),
    });
    const expired = await kit.livekit.sendWebhook(event, { ttl: '10 minutes ago' });
    const unsigned = await kit.livekit.sendWebhook(event, { authorization: null });
    const garbage = await kit.livekit.sendWebhook(event, { authorization: 'Bearer not.a.jwt' });
    for (const refused of [tampered, expired, unsigned, garbage]) expect(refused.status).toBe(401);

    const res = await request(kit.api.url)
      .post('/api/livekit/webhook')
      .set('Content-Type', 'application/webhook+json')
      .send('{}')
      .expect(401);
    expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
    expect((await reload(recording)).status).toBe('recording');
    expect(await handledEvents(event.id)).toBe(0);
  });

  it('should queue exactly one archive job when egress_ended is delivered twice, replayed and raced', async () => {
    const { panel, recording } = await recordingPanel();
    const event = await endedEvent(recording.egressId!);
    const [first, raced] = await Promise.all([
      kit.livekit.sendWebhook(event),
      kit.livekit.sendWebhook(event),
    ]);
    expect([first.status, raced.status]).toEqual([200, 200]);

    // The exact same request again (a replay), and the same ending under a new event id (a redelivery).
    const replay = await fetch(kit.livekit.webhookUrl!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/webhook+json', Authorization: first.authorization! },
      body: first.body,
    });
    expect(replay.status).toBe(200);
    event.id = '';
    expect((await kit.livekit.sendWebhook(event)).status).toBe(200);

    const after = await reload(recording);
    expect(after.status).toBe('processing');
    expect(after.sourcePath).toMatch(new RegExp(`^panel-${panel.id}/panel-${panel.id}-.+\\.mp4$`));
    const jobs = await archiveJobsFor(recording);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ id: recording.egressId, name: 'archive-recording' });
    expect(await handledEvents(first.eventId)).toBe(1);
  });

  it('should queue the archive for an egress that reached its limit, and fail an aborted one', async () => {
    const limited = await recordingPanel();
    await kit.livekit.finishEgress(limited.recording.egressId!, { end: 'limit_reached' });
    expect((await reload(limited.recording)).status).toBe('processing');
    expect(await archiveJobsFor(limited.recording)).toHaveLength(1);

    const aborted = await recordingPanel();
    await kit.livekit.finishEgress(aborted.recording.egressId!, {
      end: 'aborted',
      error: 'room closed early',
    });
    expect(await reload(aborted.recording)).toMatchObject({ status: 'failed', error: 'room closed early' });
    expect(await archiveJobsFor(aborted.recording)).toHaveLength(0);
  });

  it('should fail, not archive, a recording whose reported file lies outside the panel directory', async () => {
    const { recording } = await recordingPanel();
    const info = kit.livekit.egress(recording.egressId!)!.clone();
    info.status = EgressStatus.EGRESS_COMPLETE;
    info.fileResults = new EgressInfo({
      fileResults: [{ filename: '../../../etc/shadow.mp4', location: '/etc/shadow.mp4' }],
    }).fileResults;
    expect((await kit.livekit.sendWebhook(webhookEvent('egress_ended', { egressInfo: info }))).status).toBe(
      200,
    );
    const after = await reload(recording);
    expect(after).toMatchObject({ status: 'failed', sourcePath: null });
    expect(after.error).toContain('outside');
    expect(await archiveJobsFor(recording)).toHaveLength(0);
  });

  it('should count webcast participants per panel from participant_joined/left, once each', async () => {
    const { panel } = await recordingPanel();
    const presence = kit.api.app.get(WebcastPresenceService);
    const tokenFor = async (user?: UserEntity) => (await kit.joinToken(panel.id, user)).token;
    const delegates = [await makeUser(kit.api.db, 'delegate'), await makeUser(kit.api.db, 'delegate')];
    const staff = await makeUser(kit.api.db, 'staff');
    await kit.livekit.join(await tokenFor(moderator));
    for (const d of delegates) await kit.livekit.join(await tokenFor(d));
    const viewer = await kit.livekit.join(await tokenFor());
    await kit.livekit.join(await tokenFor(staff));
    expect(await presence.counts(panel.id)).toEqual({ moderators: 1, panelists: 0, delegates: 2, public: 1 });

    // A repeated join (reconnect) counts once; leaving takes one off.
    const room = kit.livekit.state.rooms.get(`panel-${panel.id}`)!.room;
    await kit.livekit.sendWebhook(webhookEvent('participant_joined', { room, participant: viewer }));
    await kit.livekit.leave(`panel-${panel.id}`, delegates[0].id);
    expect(await presence.counts(panel.id)).toEqual({ moderators: 1, panelists: 0, delegates: 1, public: 1 });

    await kit.livekit.sendWebhook(webhookEvent('room_finished', { room }));
    expect(await presence.counts(panel.id)).toEqual({ moderators: 0, panelists: 0, delegates: 0, public: 0 });
  });

  it('should catch up with an egress whose webhook was lost when the reconciler runs', async () => {
    const { recording } = await recordingPanel();
    const running = await recordingPanel();
    await kit.livekit.finishEgress(recording.egressId!, { notify: false });
    expect((await reload(recording)).status).toBe('recording');

    await kit.api.app.get(WebcastReconciler).reconcile();
    expect((await reload(recording)).status).toBe('processing');
    expect(await archiveJobsFor(recording)).toHaveLength(1);
    // Still running in LiveKit: left alone.
    expect((await reload(running.recording)).status).toBe('recording');

    // Running again (or the webhook arriving late) changes nothing and queues nothing more.
    await kit.api.app.get(WebcastReconciler).reconcile();
    const late = await kit.livekit.finishEgress(recording.egressId!);
    expect(late.delivery!.status).toBe(200);
    expect(await archiveJobsFor(recording)).toHaveLength(1);
  });

  it('should run the reconciler from a BullMQ job scheduler', async () => {
    const sync = kit.api.app.get<Queue>(getQueueToken(QUEUES.webcastSync));
    const schedulers = await sync.getJobSchedulers();
    expect(schedulers).toContainEqual(expect.objectContaining({ key: 'webcast-reconcile', every: 60_000 }));
  });
});
