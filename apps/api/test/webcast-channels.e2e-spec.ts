/*
 * Interpretation channels in the webcast's recording: the egress requests Rostrum sends LiveKit (our egress
 * page as the custom template, the floor's layout, one audio-only egress per event language in that
 * language's layout), an interpreter handover that starts no new egress, the media start times recorded
 * from fileResults, the archive queued once every channel's file is in (also when a webhook was lost), and
 * one live HLS stream per language with WEBCAST_HLS.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AccessToken } from 'livekit-server-sdk';
import { QUEUES } from '@rostrum/contracts';
import { RecordingEntity, UserEntity } from '@rostrum/database';
import { makeEvent, makePanel, makeUser, startWebcastTestApi, WebcastTestApi } from '@rostrum/test-harness';
import { WebcastReconciler } from '../src/webcast/webcast-reconciler.service';

const SECOND_NS = 1_000_000_000n;

async function startPanel(kit: WebcastTestApi, moderator: UserEntity, languages = ['en', 'fr', 'zh']) {
  const event = await makeEvent(kit.api.db, { languages });
  const panel = await makePanel(kit.api.db, { event, moderators: [moderator] });
  await kit.panelAction('start', panel.id, moderator);
  const recording = await kit.api.db.getRepository(RecordingEntity).findOneByOrFail({ panelId: panel.id });
  return { panel, recording };
}

const startsFor = (kit: WebcastTestApi, panelId: string) =>
  kit.livekit.callsTo('StartRoomCompositeEgress').filter((c) => c.roomName === `panel-${panelId}`);

describe('webcast interpretation channels (e2e)', () => {
  let kit: WebcastTestApi;
  let moderator: UserEntity;
  let archive: Queue;

  beforeAll(async () => {
    kit = await startWebcastTestApi();
    moderator = await makeUser(kit.api.db, 'moderator');
    archive = kit.api.app.get<Queue>(getQueueToken(QUEUES.archive));
  });
  afterAll(() => kit.close());

  const reload = (recording: RecordingEntity) =>
    kit.api.db.getRepository(RecordingEntity).findOneByOrFail({ id: recording.id });
  const archiveJobsFor = async (recording: RecordingEntity) =>
    (await archive.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
      (j) => j.data.recordingId === recording.id,
    );

  it('should record the floor through our egress page and each language through its own audio-only egress', async () => {
    const { panel, recording } = await startPanel(kit, moderator);
    const page = `${kit.api.config.mail.publicUrl}/egress/panels/${panel.id}`;
    const dir = join(kit.api.config.recordingsDir, `panel-${panel.id}`);
    const [floor, ...channels] = startsFor(kit, panel.id);
    expect(floor).toMatchObject({ layout: 'speaker', customBaseUrl: page });
    expect(floor.audioOnly).toBeFalsy();
    expect(channels).toHaveLength(3);
    for (const [i, language] of ['en', 'fr', 'zh'].entries()) {
      expect(channels[i]).toMatchObject({
        layout: `lang:${language}`,
        audioOnly: true,
        customBaseUrl: page,
        fileOutputs: [{ fileType: 'MP4', filepath: `${dir}/{room_name}-${language}-{time}.mp4` }],
      });
    }
    expect(recording.channels.map((c) => [c.language, c.status])).toEqual([
      ['en', 'recording'],
      ['fr', 'recording'],
      ['zh', 'recording'],
    ]);
    expect(recording.channels.every((c) => /^EG_/.test(c.egressId!))).toBe(true);
  });

  it('should start no new egress when the booth’s interpreter hands over', async () => {
    const { panel, recording } = await startPanel(kit, moderator);
    const room = `panel-${panel.id}`;
    const before = kit.livekit.callsTo('StartRoomCompositeEgress').length;
    const interpreterToken = async (identity: string) => {
      const token = new AccessToken(kit.livekit.apiKey, kit.livekit.apiSecret, {
        identity,
        attributes: { role: 'interpreter', language: 'fr' },
      });
      token.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true });
      return token.toJwt();
    };
    // Anne interprets, then hands the booth to Bruno: she leaves, he joins and publishes.
    await kit.livekit.join(await interpreterToken('interpreter-anne'));
    await kit.livekit.join(await interpreterToken('interpreter-bruno'));
    await kit.livekit.leave(room, 'interpreter-anne');

    expect(kit.livekit.callsTo('StartRoomCompositeEgress')).toHaveLength(before);
    expect(kit.livekit.callsTo('StopEgress')).toEqual([]);
    expect((await reload(recording)).channels).toEqual(recording.channels);
  });

  it('should stop every egress at the end, keep each file’s media start, and archive once all files are in', async () => {
    const { panel, recording } = await startPanel(kit, moderator);
    await kit.panelAction('end', panel.id, moderator);
    const stopped = kit.livekit.callsTo('StopEgress').map((c) => c.egressId);
    expect(stopped).toEqual(
      expect.arrayContaining([recording.egressId, ...recording.channels.map((c) => c.egressId)]),
    );

    const t0 = BigInt(Date.now() - 90_000) * 1_000_000n;
    await kit.livekit.finishEgress(recording.egressId!, { mediaStartedAt: t0 });
    let after = await reload(recording);
    expect(after.status).toBe('processing');
    expect(after.mediaStartedAt!.getTime()).toBe(Number(t0 / 1_000_000n));
    expect(await archiveJobsFor(recording)).toHaveLength(0); // waits for the channels

    const [en, fr, zh] = recording.channels;
    await kit.livekit.finishEgress(en.egressId!, { end: 'failed', error: 'chrome crashed' });
    await kit.livekit.finishEgress(fr.egressId!, { mediaStartedAt: t0 + (73n * SECOND_NS) / 10n });
    expect(await archiveJobsFor(recording)).toHaveLength(0);
    const { info } = await kit.livekit.finishEgress(zh.egressId!, { mediaStartedAt: t0 + 12n * SECOND_NS });

    after = await reload(recording);
    const t0ms = Number(t0 / 1_000_000n);
    expect(after.channels).toEqual([
      expect.objectContaining({
        language: 'en',
        status: 'failed',
        error: 'chrome crashed',
        sourcePath: null,
      }),
      expect.objectContaining({
        language: 'fr',
        status: 'ended',
        sourcePath: expect.stringMatching(new RegExp(`^panel-${panel.id}/panel-${panel.id}-fr-.*\\.mp4$`)),
        mediaStartedAt: new Date(t0ms + 7300).toISOString(),
      }),
      expect.objectContaining({
        language: 'zh',
        status: 'ended',
        sourcePath: `panel-${panel.id}/${info.fileResults[0].filename.split('/').pop()}`,
        mediaStartedAt: new Date(t0ms + 12_000).toISOString(),
      }),
    ]);
    const jobs = await archiveJobsFor(recording);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].id).toBe(recording.egressId);
  });

  it('should settle a channel whose webhook was lost when the reconciler runs, then archive', async () => {
    const { panel, recording } = await startPanel(kit, moderator, ['fr']);
    await kit.panelAction('end', panel.id, moderator);
    await kit.livekit.finishEgress(recording.egressId!);
    await kit.livekit.finishEgress(recording.channels[0].egressId!, { notify: false });
    expect((await reload(recording)).channels[0].status).toBe('recording');
    expect(await archiveJobsFor(recording)).toHaveLength(0);

    await kit.api.app.get(WebcastReconciler).reconcile();
    expect((await reload(recording)).channels[0].status).toBe('ended');
    expect(await archiveJobsFor(recording)).toHaveLength(1);
    await kit.api.app.get(WebcastReconciler).reconcile();
    expect(await archiveJobsFor(recording)).toHaveLength(1);
  });
});

describe('webcast interpretation channels for the large audience (e2e)', () => {
  let kit: WebcastTestApi;
  let moderator: UserEntity;

  beforeAll(async () => {
    kit = await startWebcastTestApi({ env: { WEBCAST_HLS: 'true' } });
    moderator = await makeUser(kit.api.db, 'moderator');
  });
  afterAll(() => kit.close());

  it('should give each language its own live HLS stream and list them in the public panel', async () => {
    const { panel } = await startPanel(kit, moderator, ['en', 'fr']);
    const dir = join(kit.api.config.recordingsDir, `panel-${panel.id}`);
    const [, , fr] = startsFor(kit, panel.id);
    expect(fr.segmentOutputs).toEqual([
      expect.objectContaining({
        filenamePrefix: `${dir}/hls/fr/segment`,
        livePlaylistName: `${dir}/hls/fr/live.m3u8`,
      }),
    ]);

    const base = `/api/public/panels/${panel.id}/webcast/hls`;
    const res = await request(kit.api.url).get(`/api/public/panels/${panel.id}`).expect(200);
    expect(res.body.webcast).toEqual({
      live: true,
      hlsUrl: `${base}/live.m3u8`,
      hls: [
        { language: 'floor', url: `${base}/live.m3u8` },
        { language: 'en', url: `${base}/en/live.m3u8` },
        { language: 'fr', url: `${base}/fr/live.m3u8` },
      ],
    });

    mkdirSync(join(dir, 'hls', 'fr'), { recursive: true });
    writeFileSync(join(dir, 'hls', 'fr', 'live.m3u8'), '#EXTM3U\n#EXTINF:4.0,\nsegment_00000.ts\n');
    writeFileSync(join(dir, 'hls', 'secret.ts'), 'the floor’s, not a channel’s');
    const playlist = await request(kit.api.url).get(`${base}/fr/live.m3u8`).expect(200);
    expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(playlist.text).toContain('segment_00000.ts');
    for (const bad of ['fr/missing.ts', 'FR/live.m3u8', '..%2Ffr/live.m3u8', 'fr/..%2Fsecret.ts']) {
      expect((await request(kit.api.url).get(`${base}/${bad}`)).status).toBe(404);
    }
  });
});
