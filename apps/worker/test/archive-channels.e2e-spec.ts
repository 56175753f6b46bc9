/*
 * The archive of a recording with interpretation channels, from generated media: a 60 s video whose floor
 * sound is a tone, and French and Chinese channels of other tones starting 7.3 s and 12.0 s after it, the
 * French one with a 20 s hole (nobody live). Each file has a marker beep at a known moment of the session;
 * the archived MP4 must carry three audio tracks tagged eng/fra/zho (the floor first and default) with each
 * beep within 100 ms of where it belongs, silence where the French channel had nothing, and an HLS package
 * whose master lists the channels as audio renditions with LANGUAGE and NAME.
 */
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { QUEUES, RecordingView, StoredRecordingChannel } from '@rostrum/contracts';
import { PanelEntity, RecordingEntity } from '@rostrum/database';
import { archiveRunJobId, enqueueArchive } from '@rostrum/recordings';
import {
  beepOnsets,
  makePanel,
  makeToneMedia,
  makeUser,
  silences,
  startTestApi,
  startTestWorker,
  streamTags,
  TestApi,
} from '@rostrum/test-harness';
import { waitFor } from './archive-helpers';

/** When each marker beeps, in seconds from the video's start (the session's clock). */
const FLOOR_BEEP = 20;
const FR_BEEP = 40;
const ZH_BEEP = 25;
const FR_OFFSET = 7.3;
const ZH_OFFSET = 12;
/** The French channel's hole, in its own time: 20 s with nobody live. */
const FR_GAP: [number, number] = [5, 25];
const TOLERANCE = 0.1;
/** An archive run plus the checks, on a machine shared with other work. */
const ARCHIVE_TEST_MS = 180_000;

describe('archive with interpretation channels (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let staffToken: string;
  let panel: PanelEntity;
  let queue: Queue;

  beforeAll(async () => {
    // French has no speech model here: its transcript is "unavailable" at once, no recogniser runs.
    api = await startTestApi({ env: { TRANSCRIBE_LANGUAGES: 'fr' } });
    mkdirSync(join(api.config.recordingsDir, 'imports'), { recursive: true });
    await Promise.all([
      makeToneMedia(source('imports/session.mp4'), {
        seconds: 60,
        toneHz: 440,
        beepsAt: [FLOOR_BEEP],
        video: { width: 640, height: 360, fps: 25 },
      }),
      makeToneMedia(source('imports/session-fr.m4a'), {
        seconds: 60 - FR_OFFSET,
        toneHz: 600,
        beepsAt: [FR_BEEP - FR_OFFSET],
        gaps: [FR_GAP],
      }),
      // Chinese from another recorder, in Opus: decoded and encoded, where AAC keeps its own frames.
      makeToneMedia(source('imports/session-zh.ogg'), {
        seconds: 60 - ZH_OFFSET,
        toneHz: 800,
        beepsAt: [ZH_BEEP - ZH_OFFSET],
        opus: true,
      }),
    ]);
    worker = await startTestWorker(api.config);
    staffToken = api.tokenFor(await makeUser(api.db, 'staff'));
    panel = await makePanel(api.db, { moderators: [await makeUser(api.db, 'moderator')] });
    queue = new Queue(QUEUES.archive, {
      connection: { url: api.config.redisUrl },
      prefix: `${api.config.redisPrefix}:bull`,
    });
  }, 90_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await api?.close();
    rmSync(dirname(api.config.recordingsDir), { recursive: true, force: true });
  });

  function source(relative: string) {
    return join(api.config.recordingsDir, relative);
  }
  const staff = () => ({ Authorization: `Bearer ${staffToken}` });
  const ready = (id: string) =>
    waitFor(`recording ${id} ready`, async () => {
      const r = (await request(api.url).get(`/api/recordings/${id}`).set(staff())).body as RecordingView;
      if (r.status === 'failed') throw new Error(`archive failed: ${r.error}`);
      return r.status === 'ready' && r;
    });
  const archived = (id: string) => join(api.config.archiveDir, `${id}.mp4`);
  const channels = [
    { language: 'fr', sourcePath: 'imports/session-fr.m4a', offsetSeconds: FR_OFFSET },
    { language: 'zh', sourcePath: 'imports/session-zh.ogg', offsetSeconds: ZH_OFFSET },
  ];

  /** The MP4's tracks, beeps and silences, as a viewer would hear them. */
  async function expectAlignedTracks(file: string) {
    expect(await streamTags(file)).toEqual([
      expect.objectContaining({ type: 'video' }),
      expect.objectContaining({ type: 'audio', language: 'eng', isDefault: true }),
      expect.objectContaining({ type: 'audio', language: 'fra', isDefault: false }),
      expect.objectContaining({ type: 'audio', language: 'zho', isDefault: false }),
    ]);
    const [floor, fr, zh] = await Promise.all([0, 1, 2].map((i) => beepOnsets(file, i)));
    expect(floor).toHaveLength(1);
    expect(Math.abs(floor[0] - FLOOR_BEEP)).toBeLessThanOrEqual(TOLERANCE);
    expect(fr).toHaveLength(1);
    expect(Math.abs(fr[0] - FR_BEEP)).toBeLessThanOrEqual(TOLERANCE);
    expect(zh).toHaveLength(1);
    expect(Math.abs(zh[0] - ZH_BEEP)).toBeLessThanOrEqual(TOLERANCE);

    // French: silent until its channel starts, and for the 20 s nobody was live.
    const frSilences = await silences(file, 1);
    expect(frSilences).toHaveLength(2);
    const [[s0, e0], [s1, e1]] = frSilences;
    expect(s0).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(e0 - FR_OFFSET)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(s1 - (FR_OFFSET + FR_GAP[0]))).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(e1 - (FR_OFFSET + FR_GAP[1]))).toBeLessThanOrEqual(TOLERANCE);
    const [[, zhStart]] = await silences(file, 2);
    expect(Math.abs(zhStart - ZH_OFFSET)).toBeLessThanOrEqual(TOLERANCE);
    expect(await silences(file, 0)).toEqual([]);
  }

  it(
    'should archive an import with its channels: tagged, aligned tracks and an HLS package',
    async () => {
      const res = await request(api.url)
        .post('/api/recordings/import')
        .set(staff())
        .send({ panelId: panel.id, sourcePath: 'imports/session.mp4', channels })
        .expect(201);
      const recording = await ready((res.body as RecordingView).id);
      expect(recording.audioTracks).toEqual([
        { language: 'floor', title: 'Floor' },
        { language: 'fr', title: 'Français' },
        { language: 'zh', title: '中文' },
      ]);
      expect(recording.durationSeconds).toBeCloseTo(60, 0);
      await expectAlignedTracks(archived(recording.id));

      const base = `/api/recordings/${recording.id}/hls`;
      const master = await request(api.url).get(`${base}/master.m3u8`).set(staff()).expect(200);
      expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
      const renditions = master.text.split('\n').filter((l) => l.startsWith('#EXT-X-MEDIA:TYPE=AUDIO'));
      expect(renditions).toEqual([
        expect.stringMatching(/NAME="Floor",DEFAULT=YES,LANGUAGE="en",URI="floor\/index\.m3u8"/),
        expect.stringMatching(/NAME="Français",DEFAULT=NO,LANGUAGE="fr",URI="fr\/index\.m3u8"/),
        expect.stringMatching(/NAME="中文",DEFAULT=NO,LANGUAGE="zh",URI="zh\/index\.m3u8"/),
      ]);
      expect(master.text).toMatch(/#EXT-X-STREAM-INF:.*AUDIO="[^"]+"\nvideo\/index\.m3u8/);
      // The renditions carry the same alignment as the MP4.
      const rendition = (name: string) =>
        join(api.config.archiveDir, `${recording.id}.hls`, name, 'index.m3u8');
      for (const [name, at] of [
        ['floor', FLOOR_BEEP],
        ['fr', FR_BEEP],
        ['zh', ZH_BEEP],
      ] as const) {
        const [beep] = await beepOnsets(rendition(name), 0);
        expect([name, Math.abs(beep - at) <= TOLERANCE]).toEqual([name, true]);
      }
      const playlist = await request(api.url).get(`${base}/fr/index.m3u8`).set(staff()).expect(200);
      const segment = playlist.text.split('\n').find((l) => l.endsWith('.m4s'))!;
      await request(api.url).get(`${base}/fr/${segment}`).set(staff()).expect(200);
      for (const bad of ['fr/..%2F..%2Fsecret.mp4', 'FR/index.m3u8', 'fr/index.txt', 'es/index.m3u8']) {
        await request(api.url).get(`${base}/${bad}`).set(staff()).expect(404);
      }
      // Public only once published.
      const pub = `/api/public/recordings/${recording.id}/hls/master.m3u8`;
      await request(api.url).get(pub).expect(404);
      await request(api.url)
        .patch(`/api/recordings/${recording.id}`)
        .set(staff())
        .send({ published: true })
        .expect(200);
      expect((await request(api.url).get(pub).expect(200)).text).toContain('LANGUAGE="zh"');
      await request(api.url).get(`/api/public/recordings/${recording.id}/hls/zh/index.m3u8`).expect(200);
    },
    ARCHIVE_TEST_MS,
  );

  it(
    'should align a webcast’s channels by the media start times LiveKit reported',
    async () => {
      const videoStart = new Date(Date.now() - 3600_000);
      const at = (seconds: number) => new Date(videoStart.getTime() + seconds * 1000).toISOString();
      const row = await api.db.getRepository(RecordingEntity).save({
        panelId: panel.id,
        eventId: panel.eventId,
        title: 'Webcast with interpretation',
        status: 'processing',
        source: 'egress',
        egressId: `EG_channels_${Date.now()}`,
        sourcePath: 'imports/session.mp4',
        startedAt: new Date(videoStart.getTime() - 2000), // the request, before the media
        mediaStartedAt: videoStart,
        channels: [
          channel({ language: 'en', egressId: 'EG_en', status: 'failed', error: 'chrome crashed' }),
          channel({ language: 'fr', sourcePath: channels[0].sourcePath, mediaStartedAt: at(FR_OFFSET) }),
          channel({ language: 'zh', sourcePath: channels[1].sourcePath, mediaStartedAt: at(ZH_OFFSET) }),
        ],
      });
      await enqueueArchive(queue, api.config.archive, row.id, archiveRunJobId(row.id, 0));
      const recording = await ready(row.id);
      expect(recording.audioTracks.map((t) => t.language)).toEqual(['floor', 'fr', 'zh']);
      await expectAlignedTracks(archived(row.id));
    },
    ARCHIVE_TEST_MS,
  );

  it('should refuse an import whose channel lies outside RECORDINGS_DIR, and create nothing', async () => {
    const before = await api.db.getRepository(RecordingEntity).count();
    for (const sourcePath of ['../outside.m4a', '/etc/passwd', 'imports/missing.m4a']) {
      const res = await request(api.url)
        .post('/api/recordings/import')
        .set(staff())
        .send({
          panelId: panel.id,
          sourcePath: 'imports/session.mp4',
          channels: [channels[0], { language: 'zh', sourcePath, offsetSeconds: 0 }],
        })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/channels\[1\] \(zh\)/);
    }
    const twice = await request(api.url)
      .post('/api/recordings/import')
      .set(staff())
      .send({ panelId: panel.id, sourcePath: 'imports/session.mp4', channels: [channels[0], channels[0]] })
      .expect(400);
    expect(twice.body.code).toBe('VALIDATION_FAILED');
    const bad = await request(api.url)
      .post('/api/recordings/import')
      .set(staff())
      .send({
        panelId: panel.id,
        sourcePath: 'imports/session.mp4',
        channels: [{ language: 'french', sourcePath: channels[0].sourcePath, offsetSeconds: 'soon' }],
      })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(await api.db.getRepository(RecordingEntity).count()).toBe(before);
  });
});

/** A channel as the webcast leaves it on the recording when its egress ended. */
function channel(fields: Partial<StoredRecordingChannel> & { language: string }): StoredRecordingChannel {
  return {
    egressId: `EG_${fields.language}`,
    status: 'ended',
    sourcePath: null,
    mediaStartedAt: null,
    offsetSeconds: null,
    error: null,
    ...fields,
  };
}
