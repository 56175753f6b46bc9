import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { copyFileSync, mkdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { JOB_NAMES, PanelRecordView, QUEUES, ROOMS, RecordingView } from '@rostrum/contracts';
import { PanelEntity, RecordingEntity } from '@rostrum/database';
import { verifyRecord } from '@rostrum/record';
import { archiveRunJobId, enqueueArchive } from '@rostrum/recordings';
import {
  listenToLiveRoom,
  LiveRoomListener,
  makeDelegation,
  makePanel,
  makeTestVideo,
  makeUser,
  packetChecksums,
  probeTestVideo,
  startTestApi,
  startTestWorker,
  TestApi,
} from '@rostrum/test-harness';
import { ArchiveReconciler } from '../src/archive/archive-reconciler';
import { LOCK_NAMESPACE } from '../src/archive/recording-lock';
import { archiveFilesOf, scriptFloorSession, sha256, topLevelBoxes, waitFor } from './archive-helpers';

describe('recording archive worker (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let staffToken: string;
  let panel: PanelEntity;
  let queue: Queue;
  let staffRoom: LiveRoomListener;
  /** The clip's creation_time, which an import takes as the recording's start. */
  const T0 = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000);

  beforeAll(async () => {
    api = await startTestApi({ env: { ARCHIVE_ATTEMPTS: '2', ARCHIVE_BACKOFF_MS: '200' } });
    mkdirSync(join(api.config.recordingsDir, 'imports'), { recursive: true });
    await makeTestVideo(source('imports/session.mp4'), { seconds: 10, creationTime: T0 });
    worker = await startTestWorker(api.config);
    staffToken = api.tokenFor(await makeUser(api.db, 'staff'));
    panel = await makePanel(api.db, {
      moderators: [await makeUser(api.db, 'moderator')],
      title: 'Ownership of outputs',
    });
    queue = new Queue(QUEUES.archive, {
      connection: { url: api.config.redisUrl },
      prefix: `${api.config.redisPrefix}:bull`,
    });
    staffRoom = await listenToLiveRoom(api.config, ROOMS.staff);
  }, 60_000);

  afterAll(async () => {
    await staffRoom?.close();
    await queue?.close();
    await worker?.close();
    await api?.close();
    rmSync(dirname(api.config.recordingsDir), { recursive: true, force: true });
  });

  const source = (relative: string) => join(api.config.recordingsDir, relative);
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${staffToken}`, ...headers } });
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
  const importFile = async (sourcePath: string, title?: string) => {
    const res = await request(api.url)
      .post('/api/recordings/import')
      .set('Authorization', `Bearer ${staffToken}`)
      .send({ panelId: panel.id, sourcePath, ...(title && { title }) })
      .expect(201);
    return res.body as RecordingView;
  };
  const recordingNow = async (id: string) =>
    (await (await get(`/api/recordings/${id}`)).json()) as RecordingView;
  const settled = (id: string, status: 'ready' | 'failed' = 'ready') =>
    waitFor(`recording ${id} ${status}`, async () => {
      const r = await recordingNow(id);
      if (r.status === 'failed' && status !== 'failed') throw new Error(`archive failed: ${r.error}`);
      return r.status === status && r;
    });

  it('should archive an imported clip into a fast-start MP4 with its checksum, poster and chapters', async () => {
    const brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' });
    const france = await makeDelegation(api.db, { name: 'France', code: 'FRA' });
    const ana = await makeUser(api.db, 'delegate', { name: 'Ana Pereira', delegationId: brazil.id });
    const luc = await makeUser(api.db, 'delegate', { name: 'Luc Martin', delegationId: france.id });
    const lee = await makeUser(api.db, 'delegate', { name: 'Dr. Lee' });
    await scriptFloorSession(api.db, panel.id, T0, [
      { delegate: ana, delegation: brazil, kind: 'statement', from: -60, to: -30 }, // before the recording
      { delegate: ana, delegation: brazil, kind: 'statement', from: -5, to: 3 },
      { delegate: luc, delegation: france, kind: 'point_of_order', from: 3.5, to: 5 },
      { delegate: lee, delegation: null, kind: 'question', from: 6, to: 14 }, // runs past the end
      { delegate: luc, delegation: france, kind: 'right_of_reply', from: 20, to: 25 }, // after it
    ]);

    const imported = await importFile('imports/session.mp4');
    expect(imported).toMatchObject({
      status: 'processing',
      panelId: panel.id,
      title: 'Ownership of outputs',
    });
    const ready = await settled(imported.id);

    expect(Math.abs(ready.durationSeconds! - 10)).toBeLessThanOrEqual(0.5);
    expect(ready).toMatchObject({ width: 640, height: 360, error: null, startedAt: T0.toISOString() });
    expect(ready.chapters).toEqual([
      { startSeconds: 0, endSeconds: 3, title: 'Brazil — Statement' },
      { startSeconds: 3.5, endSeconds: 5, title: 'France — Point of order' },
      { startSeconds: 6, endSeconds: ready.durationSeconds, title: 'Dr. Lee' },
    ]);

    const video = await get(`/api/recordings/${ready.id}/video`);
    const bytes = await bytesOf(video);
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(video.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(video.headers.get('content-length'))).toBe(ready.sizeBytes);
    expect(bytes.length).toBe(ready.sizeBytes);
    expect(sha256(bytes)).toBe(ready.sha256);
    const archived = join(api.config.archiveDir, `${ready.id}.mp4`);
    const packets = await packetChecksums(archived);
    expect(packets.length).toBeGreaterThan(250); // 250 video frames and the audio
    expect(packets).toEqual(await packetChecksums(source('imports/session.mp4'))); // remuxed, not re-encoded
    const boxes = topLevelBoxes(bytes);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    const poster = await get(`/api/recordings/${ready.id}/poster`);
    const jpeg = await bytesOf(poster);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    const vtt = await get(`/api/recordings/${ready.id}/chapters.vtt`);
    expect(vtt.headers.get('content-type')).toMatch(/^text\/vtt/);
    expect(await vtt.text()).toContain('00:00:03.500 --> 00:00:05.000\nFrance — Point of order');

    expect(archiveFilesOf(api.config.archiveDir, ready.id)).toEqual(
      [`${ready.id}.jpg`, `${ready.id}.mp4`, `${ready.id}.vtt`].sort(),
    );
    await waitFor('the ready event', async () => staffRoom.statusesOf(ready.id).includes('ready'));
    expect(staffRoom.statusesOf(ready.id)).toEqual(['processing', 'ready']);
    // The transcripts are scheduled once the archive has landed, so the ready event may precede them.
    const readyEvent = staffRoom.statuses.find((r) => r.id === ready.id && r.status === 'ready');
    expect({ ...readyEvent, transcripts: [] }).toEqual({ ...ready, transcripts: [] });
  }, 90_000);

  it('should serve byte ranges of the archived video when asked for the start, the middle and the end', async () => {
    const { id, sizeBytes } = await settled((await importFile('imports/session.mp4', 'Ranges')).id);
    const size = sizeBytes!;
    const whole = await bytesOf(await get(`/api/recordings/${id}/video`));

    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      [
        `bytes=${Math.floor(size / 2)}-${Math.floor(size / 2) + 4095}`,
        Math.floor(size / 2),
        Math.floor(size / 2) + 4095,
      ],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=${size - 10}-`, size - 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(`/api/recordings/${id}/video`, { Range: range });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(Number(res.headers.get('content-length'))).toBe(end - start + 1);
      expect((await bytesOf(res)).equals(whole.subarray(start, end + 1))).toBe(true);
    }

    const unsatisfiable = await get(`/api/recordings/${id}/video`, { Range: `bytes=${size}-` });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(await unsatisfiable.json()).toMatchObject({ statusCode: 416, code: 'RANGE_NOT_SATISFIABLE' });

    const download = await get(`/api/recordings/${id}/video?download=1`, { Range: 'bytes=0-0' });
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Ranges.mp4"; filename*=UTF-8''Ranges.mp4`,
    );
  }, 60_000);

  it('should mark a truncated recording failed with a reason and leave nothing in ARCHIVE_DIR', async () => {
    copyFileSync(source('imports/session.mp4'), source('imports/cut.mp4'));
    truncateSync(source('imports/cut.mp4'), Math.floor(statSync(source('imports/cut.mp4')).size * 0.6));

    const imported = await importFile('imports/cut.mp4');
    const failed = await settled(imported.id, 'failed');

    expect(failed.error).toMatch(/^The source file is incomplete or corrupt: .+ \(after 2 attempts\)$/);
    expect(archiveFilesOf(api.config.archiveDir, imported.id)).toEqual([]);
    await waitFor('the failed event', async () => staffRoom.statusesOf(imported.id).includes('failed'));
    expect(staffRoom.statusesOf(imported.id)).toEqual(['processing', 'failed']);
  }, 60_000);

  it('should fail clearly when a recording from the webcast has no file', async () => {
    const row = await insertEgressRecording('EG_missing', 'egress/panel/missing.mp4');
    await enqueueArchive(queue, api.config.archive, row.id, 'EG_missing');

    const failed = await settled(row.id, 'failed');
    expect(failed.error).toBe(
      'There is no file "egress/panel/missing.mp4" in RECORDINGS_DIR (after 2 attempts)',
    );
    expect(archiveFilesOf(api.config.archiveDir, row.id)).toEqual([]);
  }, 60_000);

  it('should archive once when the same recording is queued twice', async () => {
    mkdirSync(source('egress/twice'), { recursive: true });
    copyFileSync(source('imports/session.mp4'), source('egress/twice/room.mp4'));
    const row = await insertEgressRecording('EG_twice', 'egress/twice/room.mp4');

    await enqueueArchive(queue, api.config.archive, row.id, 'EG_twice');
    await enqueueArchive(queue, api.config.archive, row.id, 'EG_twice'); // a redelivered webhook
    const first = await finished('EG_twice');
    await enqueueArchive(queue, api.config.archive, row.id, archiveRunJobId(row.id, 0)); // another job, same work
    const second = await finished(archiveRunJobId(row.id, 0));

    expect([first, second]).toEqual(['archived', 'already-ready']);
    expect(archiveFilesOf(api.config.archiveDir, row.id)).toHaveLength(3);
    const ready = await recordingNow(row.id);
    expect(ready.status).toBe('ready');
    expect(staffRoom.statusesOf(row.id).filter((s) => s === 'ready')).toHaveLength(1);
  }, 60_000);

  it('should bind the archived video to the panel’s record once, under the panel’s lock', async () => {
    const ownPanel = await makePanel(api.db, { moderators: [await makeUser(api.db, 'moderator')] });
    const first = await request(api.url)
      .post('/api/recordings/import')
      .set('Authorization', `Bearer ${staffToken}`)
      .send({ panelId: ownPanel.id, sourcePath: 'imports/session.mp4' })
      .expect(201);
    const ready = await settled((first.body as RecordingView).id);
    // Another job for the same work, and a reprocess that archives to the same file: no second entry.
    await enqueueArchive(queue, api.config.archive, ready.id, archiveRunJobId(ready.id, 7));
    expect(await finished(archiveRunJobId(ready.id, 7))).toBe('already-ready');
    await request(api.url)
      .post(`/api/recordings/${ready.id}/reprocess`)
      .set('Authorization', `Bearer ${staffToken}`)
      .expect(200);
    await waitFor(
      'the reprocess',
      async () => staffRoom.statusesOf(ready.id).filter((s) => s === 'ready').length === 2,
    );

    const record = (await (await get(`/api/panels/${ownPanel.id}/record`)).json()) as PanelRecordView;
    expect(record.entries).toEqual([
      expect.objectContaining({
        seq: 1,
        actor: null,
        action: 'recording:archived',
        detail: { recordingId: ready.id, sha256: ready.sha256, durationSeconds: ready.durationSeconds },
      }),
    ]);
    expect(verifyRecord(record)).toMatchObject({ ok: true, entries: 1 });
  }, 90_000);

  it('should wait, not write, while another worker holds the recording', async () => {
    mkdirSync(source('egress/held'), { recursive: true });
    copyFileSync(source('imports/session.mp4'), source('egress/held/room.mp4'));
    const row = await insertEgressRecording('EG_held', 'egress/held/room.mp4');
    const other = new Client({ connectionString: api.config.databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NAMESPACE, row.id]);
      await enqueueArchive(queue, api.config.archive, row.id, 'EG_held');
      await waitFor('the job to be put back', async () => (await queue.getJob('EG_held'))?.isDelayed());
      expect(archiveFilesOf(api.config.archiveDir, row.id)).toEqual([]);
      expect((await recordingNow(row.id)).status).toBe('processing');
    } finally {
      await other.end(); // the lock goes with the connection
    }
    expect(await finished('EG_held')).toBe('archived');
    expect(archiveFilesOf(api.config.archiveDir, row.id)).toHaveLength(3);
  }, 60_000);

  it('should re-encode to H.264 and AAC when the source codecs are not web-playable', async () => {
    await makeTestVideo(source('imports/legacy.mkv'), {
      seconds: 4,
      width: 320,
      height: 240,
      codec: 'legacy',
    });

    const ready = await settled((await importFile('imports/legacy.mkv')).id);

    expect(Math.abs(ready.durationSeconds! - 4)).toBeLessThanOrEqual(0.5);
    expect(ready).toMatchObject({ width: 320, height: 240, startedAt: null, chapters: [] });
    const archived = await probeTestVideo(join(api.config.archiveDir, `${ready.id}.mp4`));
    expect(archived.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
  }, 90_000);

  it('should archive again to the same result when a ready recording is reprocessed, twice', async () => {
    const first = await settled((await importFile('imports/session.mp4', 'Reprocessed')).id);

    for (let run = 1; run <= 2; run++) {
      const res = await request(api.url)
        .post(`/api/recordings/${first.id}/reprocess`)
        .set('Authorization', `Bearer ${staffToken}`)
        .expect(200);
      expect(res.body).toMatchObject({ id: first.id, status: 'processing' });
      const again = await settled(first.id);
      expect(again).toMatchObject({
        sha256: first.sha256,
        sizeBytes: first.sizeBytes,
        chapters: first.chapters,
      });
    }
    await waitFor(
      'the last ready event',
      async () => staffRoom.statusesOf(first.id).filter((s) => s === 'ready').length === 3,
    );
    expect(staffRoom.statusesOf(first.id)).toEqual([
      'processing',
      'ready',
      'processing',
      'ready',
      'processing',
      'ready',
    ]);
    expect(archiveFilesOf(api.config.archiveDir, first.id)).toHaveLength(3);
  }, 90_000);

  it('should mark failed a recording its failed job left processing, unless a newer run took it over', async () => {
    const row = await insertEgressRecording('EG_lost', 'egress/panel/lost.mp4');
    await enqueueArchive(queue, api.config.archive, row.id, 'EG_lost');
    await settled(row.id, 'failed');
    // As if the worker had died before writing the row: the job failed, the row still says processing.
    const recordings = api.db.getRepository(RecordingEntity);
    await recordings.update(row.id, { status: 'processing', error: null, attempts: 1 });
    const reconciler = worker.get(ArchiveReconciler);

    // A reprocess (run 1) was asked for since, its job still waiting: the failed job is not the row's any more.
    const newer = await queue.add(
      JOB_NAMES.archiveRecording,
      { recordingId: row.id },
      { jobId: archiveRunJobId(row.id, 1), delay: 60_000 },
    );
    await reconciler.sweep();
    expect((await recordingNow(row.id)).status).toBe('processing');

    await newer.remove();
    await recordings.update(row.id, { attempts: 0 });
    await reconciler.sweep();
    expect(await recordingNow(row.id)).toMatchObject({
      status: 'failed',
      error: 'Archiving failed: There is no file "egress/panel/lost.mp4" in RECORDINGS_DIR',
    });
  }, 30_000);

  it('should queue again, and archive, a recording left processing whose job Redis no longer has', async () => {
    mkdirSync(source('egress/vanished'), { recursive: true });
    copyFileSync(source('imports/session.mp4'), source('egress/vanished/room.mp4'));
    // As after a Redis that lost its data: the row says processing, no job is queued for it.
    const row = await insertEgressRecording('EG_vanished', 'egress/vanished/room.mp4');
    expect(await queue.getJob('EG_vanished')).toBeUndefined();

    await worker.get(ArchiveReconciler).sweep();

    expect(await queue.getJob('EG_vanished')).toBeDefined();
    const ready = await settled(row.id);
    expect(ready).toMatchObject({ status: 'ready', error: null });
    expect(archiveFilesOf(api.config.archiveDir, row.id)).toHaveLength(3);
    await waitFor('the ready event', async () => staffRoom.statusesOf(row.id).includes('ready'));
    await worker.get(ArchiveReconciler).sweep(); // a ready recording is left alone
    expect(staffRoom.statusesOf(row.id).filter((s) => s === 'ready')).toHaveLength(1);
  }, 60_000);

  /** A row as the LiveKit webhook leaves it: an egress recording waiting for the archive. */
  async function insertEgressRecording(egressId: string, sourcePath: string): Promise<RecordingEntity> {
    return api.db.getRepository(RecordingEntity).save({
      panelId: panel.id,
      eventId: panel.eventId,
      title: `Webcast ${egressId}`,
      status: 'processing',
      source: 'egress',
      egressId,
      sourcePath,
      startedAt: T0,
      endedAt: new Date(T0.getTime() + 10_000),
    });
  }

  /** A job's return value once it completed. */
  async function finished(jobId: string): Promise<unknown> {
    return waitFor(`job ${jobId}`, async () => {
      const job = await queue.getJob(jobId);
      if (!job) return null;
      if (await job.isFailed()) throw new Error(`job ${jobId} failed: ${job.failedReason}`);
      return (await job.isCompleted()) && ((await queue.getJob(jobId))!.returnvalue as unknown);
    });
  }
});
