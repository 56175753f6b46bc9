import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { QUEUES } from '@rostrum/contracts';
import { RecordingEntity, UserEntity } from '@rostrum/database';
import {
  eventually,
  makeEvent,
  makePanel,
  makeUser,
  startWebcastTestApi,
  WebcastTestApi,
} from '@rostrum/test-harness';
import { WebcastService } from '../src/webcast/webcast.service';

/** A panel of a one-language event: only the floor is recorded (channels: webcast-channels.e2e-spec.ts). */
async function startPanel(kit: WebcastTestApi, moderator: UserEntity) {
  const event = await makeEvent(kit.api.db, { languages: [] });
  const panel = await makePanel(kit.api.db, { event, moderators: [moderator] });
  await kit.panelAction('start', panel.id, moderator);
  return panel;
}

const endPanel = (kit: WebcastTestApi, moderator: UserEntity, panelId: string) =>
  kit.panelAction('end', panelId, moderator);

const recordingsOf = (kit: WebcastTestApi, panelId: string) =>
  kit.api.db.getRepository(RecordingEntity).findBy({ panelId });

describe('webcast room and recording lifecycle (e2e)', () => {
  let kit: WebcastTestApi;
  let moderator: UserEntity;

  beforeAll(async () => {
    kit = await startWebcastTestApi();
    moderator = await makeUser(kit.api.db, 'moderator');
  });
  afterAll(() => kit.close());

  it('should create the room and start a room-composite MP4 egress in the panel directory when the panel starts', async () => {
    const panel = await startPanel(kit, moderator);
    const room = `panel-${panel.id}`;

    expect(kit.livekit.callsTo('CreateRoom')).toContainEqual(expect.objectContaining({ name: room }));
    const [egress] = kit.livekit.callsTo('StartRoomCompositeEgress').filter((c) => c.roomName === room);
    expect(egress).toMatchObject({
      roomName: room,
      layout: 'speaker',
      customBaseUrl: `${kit.api.config.mail.publicUrl}/egress/panels/${panel.id}`,
      fileOutputs: [
        {
          fileType: 'MP4',
          filepath: join(kit.api.config.recordingsDir, `panel-${panel.id}`, '{room_name}-{time}.mp4'),
        },
      ],
    });
    expect(egress.segmentOutputs).toBeUndefined(); // HLS is off by default

    const [recording] = await recordingsOf(kit, panel.id);
    const egressId = [...kit.livekit.state.egresses.values()].find((e) => e.info.roomName === room)!.info
      .egressId;
    expect(recording).toMatchObject({
      status: 'recording',
      source: 'egress',
      egressId,
      title: panel.title,
      eventId: panel.eventId,
      sourcePath: null,
    });
    expect(Date.now() - recording.startedAt!.getTime()).toBeLessThan(10_000);
    expect(await kit.api.app.get(WebcastService).publicInfo({ ...panel, status: 'live' })).toEqual({
      live: true,
      hlsUrl: null,
      hls: [],
    });
  });

  it('should stop the egress when the panel ends, and queue the archive of the file Egress reports', async () => {
    const panel = await startPanel(kit, moderator);
    const [recording] = await recordingsOf(kit, panel.id);
    await endPanel(kit, moderator, panel.id);
    expect(kit.livekit.callsTo('StopEgress')).toContainEqual({ egressId: recording.egressId });
    expect(kit.livekit.egress(recording.egressId!)!.status).toBe(2); // EGRESS_ENDING

    const { info, delivery } = await kit.livekit.finishEgress(recording.egressId!);
    expect(delivery!.status).toBe(200);
    const after = await kit.api.db.getRepository(RecordingEntity).findOneByOrFail({ id: recording.id });
    const fileName = info.fileResults[0].filename.split('/').pop();
    expect(fileName).toMatch(new RegExp(`^panel-${panel.id}-\\d{4}-\\d\\d-\\d\\dT\\d{6}\\.mp4$`));
    expect(after).toMatchObject({ status: 'processing', sourcePath: `panel-${panel.id}/${fileName}` });
    expect(after.endedAt).toBeInstanceOf(Date);

    const archive = kit.api.app.get<Queue>(getQueueToken(QUEUES.archive));
    const job = await archive.getJob(recording.egressId!);
    expect(job).toMatchObject({ name: 'archive-recording', data: { recordingId: recording.id } });
  });

  it('should map the file when Egress reports its own container path', async () => {
    kit.livekit.reportLocation = (p) => p.replace(kit.api.config.recordingsDir, '/out/egress');
    try {
      const panel = await startPanel(kit, moderator);
      await endPanel(kit, moderator, panel.id);
      const [recording] = await recordingsOf(kit, panel.id);
      const { info } = await kit.livekit.finishEgress(recording.egressId!);
      expect(info.fileResults[0].location).toMatch(/^\/out\/egress\/panel-/);
      const after = await kit.api.db.getRepository(RecordingEntity).findOneByOrFail({ id: recording.id });
      expect(after.sourcePath).toBe(`panel-${panel.id}/${info.fileResults[0].location.split('/').pop()}`);
    } finally {
      kit.livekit.reportLocation = (p) => p;
    }
  });

  it('should start the room and recording once LiveKit is back when it was down at start', async () => {
    await kit.livekit.stop();
    const panel = await startPanel(kit, moderator);
    expect(await recordingsOf(kit, panel.id)).toEqual([]);
    await kit.livekit.resume();
    const [recording] = await eventually(async () => {
      const rows = await recordingsOf(kit, panel.id);
      return rows.length ? rows : undefined;
    });
    expect(recording).toMatchObject({ status: 'recording', egressId: expect.stringMatching(/^EG_/) });
    expect(kit.livekit.state.rooms.has(`panel-${panel.id}`)).toBe(true);
  });

  it('should stop the egress once LiveKit is back when it was down at end', async () => {
    const panel = await startPanel(kit, moderator);
    const [recording] = await recordingsOf(kit, panel.id);
    await kit.livekit.stop();
    await endPanel(kit, moderator, panel.id);
    await kit.livekit.resume();
    await eventually(() => kit.livekit.egress(recording.egressId!)!.status === 2);
  });

  it('should mark the recording failed with LiveKit’s error when the egress fails', async () => {
    const panel = await startPanel(kit, moderator);
    const [recording] = await recordingsOf(kit, panel.id);
    await kit.livekit.finishEgress(recording.egressId!, { end: 'failed', error: 'chrome crashed' });
    const after = await kit.api.db.getRepository(RecordingEntity).findOneByOrFail({ id: recording.id });
    expect(after).toMatchObject({ status: 'failed', error: 'chrome crashed', sourcePath: null });
    const archive = kit.api.app.get<Queue>(getQueueToken(QUEUES.archive));
    expect(await archive.getJob(recording.egressId!)).toBeUndefined();
  });
});

describe('webcast with the HLS large-audience stream (e2e)', () => {
  let kit: WebcastTestApi;
  let moderator: UserEntity;

  beforeAll(async () => {
    kit = await startWebcastTestApi({ env: { WEBCAST_HLS: 'true' } });
    moderator = await makeUser(kit.api.db, 'moderator');
  });
  afterAll(() => kit.close());

  it('should record HLS segments next to the MP4 and serve the live playlist read-only while live', async () => {
    const panel = await startPanel(kit, moderator);
    const dir = join(kit.api.config.recordingsDir, `panel-${panel.id}`);
    const [egress] = kit.livekit
      .callsTo('StartRoomCompositeEgress')
      .filter((c) => c.roomName === `panel-${panel.id}`);
    expect(egress.segmentOutputs).toEqual([
      {
        protocol: 'HLS_PROTOCOL',
        filenamePrefix: `${dir}/hls/segment`,
        playlistName: `${dir}/hls/index.m3u8`,
        livePlaylistName: `${dir}/hls/live.m3u8`,
        segmentDuration: 4,
      },
    ]);
    expect(egress.fileOutputs).toHaveLength(1);

    const info = await kit.api.app.get(WebcastService).publicInfo({ ...panel, status: 'live' });
    const floorUrl = `/api/public/panels/${panel.id}/webcast/hls/live.m3u8`;
    expect(info).toEqual({ live: true, hlsUrl: floorUrl, hls: [{ language: 'floor', url: floorUrl }] });

    // What Egress would have written so far.
    mkdirSync(join(dir, 'hls'), { recursive: true });
    writeFileSync(join(dir, 'hls', 'live.m3u8'), '#EXTM3U\n#EXTINF:4.0,\nsegment_00000.ts\n');
    writeFileSync(join(dir, 'hls', 'segment_00000.ts'), Buffer.alloc(188, 0x47));
    writeFileSync(join(kit.api.config.recordingsDir, 'secret.ts'), 'not for the public');
    symlinkSync(join(kit.api.config.recordingsDir, 'secret.ts'), join(dir, 'hls', 'escape.ts'));

    const playlist = await request(kit.api.url).get(info.hlsUrl!).expect(200);
    expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(playlist.headers['cache-control']).toBe('no-cache');
    expect(playlist.text).toContain('segment_00000.ts');
    const segment = await request(kit.api.url)
      .get(`/api/public/panels/${panel.id}/webcast/hls/segment_00000.ts`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(segment.headers['content-type']).toBe('video/mp2t');
    expect((segment.body as Buffer).length).toBe(188);

    const base = `/api/public/panels/${panel.id}/webcast/hls`;
    for (const bad of ['escape.ts', '..%2F..%2Fsecret.ts', 'index.mp4', '.hidden.ts', 'missing.ts']) {
      const res = await request(kit.api.url).get(`${base}/${bad}`).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }

    await endPanel(kit, moderator, panel.id);
    await eventually(async () => (await request(kit.api.url).get(info.hlsUrl!)).status === 404, 8000);
    expect(await kit.api.app.get(WebcastService).publicInfo({ ...panel, status: 'ended' })).toEqual({
      live: false,
      hlsUrl: null,
      hls: [],
    });
  });
});
