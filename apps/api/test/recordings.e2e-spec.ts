import { Queue } from 'bullmq';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { QUEUES, ROOMS, RecordingView } from '@rostrum/contracts';
import { EventEntity, PanelEntity, RecordingEntity, UserEntity } from '@rostrum/database';
import {
  listenToLiveRoom,
  LiveRoomListener,
  makeEvent,
  makePanel,
  makeUser,
  startTestApi,
  TestApi,
} from '@rostrum/test-harness';

describe('recordings REST (e2e)', () => {
  let api: TestApi;
  let staff: string;
  let moderator: UserEntity;
  let event: EventEntity;
  let otherEvent: EventEntity;
  let panel: PanelEntity;
  let otherPanel: PanelEntity;
  let queue: Queue;
  let staffRoom: LiveRoomListener;
  let moderatorRoom: LiveRoomListener;
  /** 1000 known bytes, standing in for an archived MP4. */
  const VIDEO = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(async () => {
    api = await startTestApi();
    mkdirSync(join(api.config.recordingsDir, 'panel-a'), { recursive: true });
    mkdirSync(api.config.archiveDir, { recursive: true });
    writeFileSync(join(api.config.recordingsDir, 'panel-a', 'take-1.mp4'), 'not really a video');
    writeFileSync(join(dirname(api.config.recordingsDir), 'outside.mp4'), 'secret');
    symlinkSync(
      join(dirname(api.config.recordingsDir), 'outside.mp4'),
      join(api.config.recordingsDir, 'link-out.mp4'),
    );
    staff = api.tokenFor(await makeUser(api.db, 'staff'));
    moderator = await makeUser(api.db, 'moderator');
    event = await makeEvent(api.db, { title: 'Third Session on IP and AI' });
    otherEvent = await makeEvent(api.db, { title: 'Fourth Session' });
    panel = await makePanel(api.db, { event, moderators: [moderator], title: 'Ownership of outputs' });
    otherPanel = await makePanel(api.db, {
      event: otherEvent,
      moderators: [moderator],
      title: 'Data and training',
    });
    queue = new Queue(QUEUES.archive, {
      connection: { url: api.config.redisUrl },
      prefix: `${api.config.redisPrefix}:bull`,
    });
    staffRoom = await listenToLiveRoom(api.config, ROOMS.staff);
    moderatorRoom = await listenToLiveRoom(api.config, ROOMS.panelModerators(panel.id));
  }, 60_000);

  afterAll(async () => {
    await staffRoom?.close();
    await moderatorRoom?.close();
    await queue?.close();
    await api?.close();
    rmSync(dirname(api.config.recordingsDir), { recursive: true, force: true });
  });

  let minutes = 0;
  /** A recording row; ready ones get a video, a poster and chapters in ARCHIVE_DIR. */
  async function makeRecording(fields: Partial<RecordingEntity> = {}): Promise<RecordingEntity> {
    const p = fields.panelId === otherPanel?.id ? otherPanel : panel;
    const status = fields.status ?? 'ready';
    const saved = await api.db.getRepository(RecordingEntity).save({
      panelId: p.id,
      eventId: p.eventId,
      title: 'Morning webcast',
      status,
      source: 'egress',
      sourcePath: 'panel-a/take-1.mp4',
      startedAt: new Date(Date.UTC(2026, 10, 4, 9, minutes++)),
      chapters: [{ startSeconds: 0, endSeconds: 12.5, title: 'Brazil — Statement' }],
      ...fields,
    });
    if (status === 'ready') {
      writeFileSync(join(api.config.archiveDir, `${saved.id}.mp4`), VIDEO);
      writeFileSync(join(api.config.archiveDir, `${saved.id}.jpg`), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      await api.db.getRepository(RecordingEntity).update(saved.id, {
        videoFile: `${saved.id}.mp4`,
        posterFile: `${saved.id}.jpg`,
        sizeBytes: VIDEO.length,
      });
    }
    return api.db.getRepository(RecordingEntity).findOneByOrFail({ id: saved.id });
  }

  const as = (token: string | null) => ({
    get: (path: string) => withAuth(request(api.url).get(path), token),
    head: (path: string) => withAuth(request(api.url).head(path), token),
    post: (path: string, body: object = {}) => withAuth(request(api.url).post(path).send(body), token),
    patch: (path: string, body: object) => withAuth(request(api.url).patch(path).send(body), token),
  });
  const withAuth = (req: request.Test, token: string | null) =>
    token ? req.set('Authorization', `Bearer ${token}`) : req;
  const ids = (body: RecordingView[]) => body.map((r) => r.id);

  describe('staff list and search', () => {
    let a: RecordingEntity, b: RecordingEntity, c: RecordingEntity, failed: RecordingEntity;
    beforeAll(async () => {
      await api.db.query('DELETE FROM recordings');
      a = await makeRecording({ title: 'Opening remarks' });
      b = await makeRecording({ title: '100% coverage' });
      c = await makeRecording({ title: 'Afternoon webcast', panelId: otherPanel.id });
      failed = await makeRecording({ title: 'Broken', status: 'failed', error: 'The source file is empty' });
    });

    it('should list every recording newest first when given no filter', async () => {
      const res = await as(staff).get('/api/recordings').expect(200);
      expect(ids(res.body)).toEqual([failed.id, c.id, b.id, a.id]);
      expect(res.body[3]).toEqual({
        id: a.id,
        panelId: panel.id,
        eventId: event.id,
        title: 'Opening remarks',
        status: 'ready',
        error: null,
        durationSeconds: null,
        sizeBytes: 1000,
        sha256: null,
        width: null,
        height: null,
        published: false,
        startedAt: a.startedAt!.toISOString(),
        endedAt: null,
        chapters: [{ startSeconds: 0, endSeconds: 12.5, title: 'Brazil — Statement' }],
        transcripts: [],
        audioTracks: [],
        createdAt: a.createdAt.toISOString(),
      });
    });

    it('should filter by event, panel and status when asked', async () => {
      expect(ids((await as(staff).get(`/api/recordings?eventId=${otherEvent.id}`).expect(200)).body)).toEqual(
        [c.id],
      );
      expect(ids((await as(staff).get(`/api/recordings?panelId=${panel.id}`).expect(200)).body)).toEqual([
        failed.id,
        b.id,
        a.id,
      ]);
      expect(ids((await as(staff).get('/api/recordings?status=failed').expect(200)).body)).toEqual([
        failed.id,
      ]);
    });

    it('should search recording, panel and event titles, ignoring case, when given q', async () => {
      const q = async (text: string) =>
        ids(
          (
            await as(staff)
              .get(`/api/recordings?q=${encodeURIComponent(text)}`)
              .expect(200)
          ).body,
        );
      expect(await q('OPENING')).toEqual([a.id]);
      expect(await q('data and')).toEqual([c.id]); // the panel's title
      expect(await q('fourth')).toEqual([c.id]); // the event's title
      expect(await q('100%')).toEqual([b.id]); // % is a character, not a wildcard
      expect(await q('%')).toEqual([b.id]);
      expect(await q('nothing like it')).toEqual([]);
    });

    it('should refuse invalid filters with 400 VALIDATION_FAILED', async () => {
      for (const query of ['status=done', 'eventId=42', 'panelId=x', 'sort=title']) {
        const res = await as(staff).get(`/api/recordings?${query}`).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('who may use the staff routes', () => {
    let rec: RecordingEntity;
    beforeAll(async () => {
      rec = await makeRecording();
    });
    const routes = () => [
      ['get', '/api/recordings'],
      ['get', `/api/recordings/${rec.id}`],
      ['get', `/api/recordings/${rec.id}/video`],
      ['get', `/api/recordings/${rec.id}/poster`],
      ['get', `/api/recordings/${rec.id}/chapters.vtt`],
      ['patch', `/api/recordings/${rec.id}`],
      ['post', `/api/recordings/${rec.id}/reprocess`],
      ['post', '/api/recordings/import'],
    ];

    it('should refuse a delegate and a moderator with 403 FORBIDDEN and change nothing', async () => {
      const delegate = api.tokenFor(await makeUser(api.db, 'delegate'));
      for (const token of [delegate, api.tokenFor(moderator)]) {
        for (const [method, path] of routes()) {
          const res = await (method === 'get'
            ? as(token).get(path)
            : method === 'patch'
              ? as(token).patch(path, { published: true })
              : as(token).post(path, { panelId: panel.id, sourcePath: 'panel-a/take-1.mp4' }));
          expect([path, res.status, res.body.code]).toEqual([path, 403, 'FORBIDDEN']);
        }
      }
      expect(await api.db.getRepository(RecordingEntity).findOneByOrFail({ id: rec.id })).toMatchObject({
        published: false,
        status: 'ready',
      });
    });

    it('should refuse an anonymous caller with 401 UNAUTHENTICATED', async () => {
      for (const [, path] of routes().filter(([m]) => m === 'get')) {
        expect((await as(null).get(path).expect(401)).body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('should let an admin in', async () => {
      const admin = api.tokenFor(await makeUser(api.db, 'admin'));
      await as(admin).get(`/api/recordings/${rec.id}`).expect(200);
    });
  });

  describe('files', () => {
    let rec: RecordingEntity;
    beforeAll(async () => {
      rec = await makeRecording({ title: 'Débat : IA / PI' });
    });

    it('should stream the whole video with its type and length when no range is asked', async () => {
      const res = await as(staff)
        .get(`/api/recordings/${rec.id}/video`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers).toMatchObject({
        'content-type': 'video/mp4',
        'content-length': '1000',
        'accept-ranges': 'bytes',
      });
      expect(res.headers['content-disposition']).toBeUndefined();
      expect((res.body as Buffer).equals(VIDEO)).toBe(true);
    });

    it('should answer 206 with the exact bytes when given a range', async () => {
      for (const [range, start, end] of [
        ['bytes=0-9', 0, 9],
        ['bytes=400-599', 400, 599],
        ['bytes=-100', 900, 999],
        ['bytes=990-5000', 990, 999],
      ] as const) {
        const res = await as(staff)
          .get(`/api/recordings/${rec.id}/video`)
          .set('Range', range)
          .buffer(true)
          .parse(binary)
          .expect(206);
        expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
        expect(res.headers['content-length']).toBe(String(end - start + 1));
        expect((res.body as Buffer).equals(VIDEO.subarray(start, end + 1))).toBe(true);
      }
    });

    it('should answer 416 with the size when the range is outside the file', async () => {
      const res = await as(staff)
        .get(`/api/recordings/${rec.id}/video`)
        .set('Range', 'bytes=1000-1100')
        .expect(416);
      expect(res.headers['content-range']).toBe('bytes */1000');
      expect(res.body).toEqual({
        statusCode: 416,
        code: 'RANGE_NOT_SATISFIABLE',
        message: expect.any(String),
      });
    });

    it('should answer headers only when asked with HEAD', async () => {
      const res = await as(staff).head(`/api/recordings/${rec.id}/video`).expect(200);
      expect(res.headers['content-length']).toBe('1000');
      expect(res.text ?? '').toBe('');
    });

    it('should send the video as an attachment named after the title when download=1', async () => {
      const res = await as(staff)
        .get(`/api/recordings/${rec.id}/video?download=1`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="D_bat IA PI.mp4"; filename*=UTF-8''D%C3%A9bat%20IA%20PI.mp4`,
      );
    });

    it('should serve the poster as JPEG and the chapters as WebVTT from the row', async () => {
      const poster = await as(staff)
        .get(`/api/recordings/${rec.id}/poster`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(poster.headers['content-type']).toBe('image/jpeg');
      const vtt = await as(staff).get(`/api/recordings/${rec.id}/chapters.vtt`).expect(200);
      expect(vtt.headers['content-type']).toBe('text/vtt; charset=utf-8');
      expect(vtt.text).toBe('WEBVTT\n\n1\n00:00:00.000 --> 00:00:12.500\nBrazil — Statement\n');
    });

    it('should answer 404 when the recording has no video yet or does not exist', async () => {
      const processing = await makeRecording({ status: 'processing' });
      expect((await as(staff).get(`/api/recordings/${processing.id}/video`).expect(404)).body.code).toBe(
        'NOT_FOUND',
      );
      await as(staff).get('/api/recordings/6f1c1d8e-1c8a-4c59-9a8f-6b0c1c1d8e1c/video').expect(404);
      expect((await as(staff).get('/api/recordings/not-a-uuid/video').expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
    });
  });

  describe('patch', () => {
    it('should retitle and publish, tell staff and moderators, and answer the recording', async () => {
      const rec = await makeRecording();
      const res = await as(staff)
        .patch(`/api/recordings/${rec.id}`, { title: '  Panel 1 — full session  ', published: true })
        .expect(200);
      expect(res.body).toMatchObject({ id: rec.id, title: 'Panel 1 — full session', published: true });
      await waitUntil(() => staffRoom.statuses.some((r) => r.id === rec.id && r.published));
      await waitUntil(() => moderatorRoom.statuses.some((r) => r.id === rec.id && r.published));
    });

    it('should refuse bad bodies with 400 and change nothing', async () => {
      const rec = await makeRecording({ title: 'Kept' });
      for (const body of [
        { title: '' },
        { published: 'yes' },
        { title: 'x'.repeat(301) },
        { status: 'ready' },
      ]) {
        expect((await as(staff).patch(`/api/recordings/${rec.id}`, body).expect(400)).body.code).toBe(
          'VALIDATION_FAILED',
        );
      }
      expect((await as(staff).get(`/api/recordings/${rec.id}`).expect(200)).body).toMatchObject({
        title: 'Kept',
        published: false,
      });
    });
  });

  describe('public routes', () => {
    let published: RecordingEntity, unpublished: RecordingEntity, publishedProcessing: RecordingEntity;
    beforeAll(async () => {
      published = await makeRecording({ title: 'Public one', published: true });
      unpublished = await makeRecording({ title: 'Staff only' });
      publishedProcessing = await makeRecording({ title: 'Not yet', published: true, status: 'processing' });
    });

    it('should list and serve published, ready recordings without sign-in', async () => {
      const list = await as(null).get('/api/public/recordings').expect(200);
      expect(ids(list.body)).toContain(published.id);
      expect(list.body.every((r: RecordingView) => r.published && r.status === 'ready')).toBe(true);
      await as(null).get(`/api/public/recordings/${published.id}`).expect(200);
      const video = await as(null)
        .get(`/api/public/recordings/${published.id}/video`)
        .set('Range', 'bytes=0-1')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(video.headers['content-range']).toBe('bytes 0-1/1000');
      await as(null).get(`/api/public/recordings/${published.id}/poster`).expect(200);
      await as(null).get(`/api/public/recordings/${published.id}/chapters.vtt`).expect(200);
      expect(ids((await as(null).get('/api/public/recordings?q=public').expect(200)).body)).toEqual([
        published.id,
      ]);
    });

    it('should not show unpublished or unfinished recordings anywhere when not published and ready', async () => {
      const list = ids((await as(null).get('/api/public/recordings').expect(200)).body);
      for (const hidden of [unpublished, publishedProcessing]) {
        expect(list).not.toContain(hidden.id);
        for (const suffix of ['', '/video', '/poster', '/chapters.vtt']) {
          const res = await as(null).get(`/api/public/recordings/${hidden.id}${suffix}`).expect(404);
          expect(res.body.code).toBe('NOT_FOUND');
        }
      }
    });

    it('should refuse the staff-only status filter on the public list', async () => {
      await as(null).get('/api/public/recordings?status=failed').expect(400);
    });
  });

  describe('import', () => {
    const refused = async (sourcePath: string, message: RegExp) => {
      const before = await api.db.getRepository(RecordingEntity).count();
      const res = await as(staff)
        .post('/api/recordings/import', { panelId: panel.id, sourcePath })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
      expect(await api.db.getRepository(RecordingEntity).count()).toBe(before);
    };

    it('should refuse a path with .. that leaves RECORDINGS_DIR', () =>
      refused('../outside.mp4', /outside RECORDINGS_DIR/));
    it('should refuse an absolute path elsewhere', () => refused('/etc/hostname', /outside RECORDINGS_DIR/));
    it('should refuse a symlink that points out of RECORDINGS_DIR', () =>
      refused('link-out.mp4', /leads outside RECORDINGS_DIR/));
    it('should refuse a missing file with a clear message', () =>
      refused('panel-a/nope.mp4', /^There is no file "panel-a\/nope.mp4" in RECORDINGS_DIR$/));
    it('should refuse a directory', () => refused('panel-a', /not a regular file/));

    it('should refuse an unknown panel with 404 and unknown fields with 400', async () => {
      await as(staff)
        .post('/api/recordings/import', {
          panelId: '6f1c1d8e-1c8a-4c59-9a8f-6b0c1c1d8e1c',
          sourcePath: 'panel-a/take-1.mp4',
        })
        .expect(404);
      await as(staff)
        .post('/api/recordings/import', {
          panelId: panel.id,
          sourcePath: 'panel-a/take-1.mp4',
          status: 'ready',
        })
        .expect(400);
    });

    it('should create a processing recording, queue its archive job and tell staff when the path is good', async () => {
      const res = await as(staff)
        .post('/api/recordings/import', { panelId: panel.id, sourcePath: './panel-a//take-1.mp4' })
        .expect(201);
      expect(res.body).toMatchObject({
        panelId: panel.id,
        eventId: event.id,
        title: 'Ownership of outputs',
        status: 'processing',
        published: false,
      });
      const row = await api.db.getRepository(RecordingEntity).findOneByOrFail({ id: res.body.id });
      expect(row).toMatchObject({ source: 'import', sourcePath: 'panel-a/take-1.mp4' });
      const job = await queue.getJob(`archive-${row.id}-0`);
      expect(job?.data).toEqual({ recordingId: row.id });
      expect(job?.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 15_000 } });
      await waitUntil(() => staffRoom.statuses.some((r) => r.id === row.id && r.status === 'processing'));
    });
  });

  it('should document the recording routes in the OpenAPI document', async () => {
    const { body } = await as(null).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/recordings',
        '/api/recordings/import',
        '/api/recordings/{id}',
        '/api/recordings/{id}/video',
        '/api/recordings/{id}/poster',
        '/api/recordings/{id}/chapters.vtt',
        '/api/recordings/{id}/reprocess',
        '/api/public/recordings',
        '/api/public/recordings/{id}/video',
      ]),
    );
  });

  describe('reprocess', () => {
    it('should set the recording processing and queue a new run each time', async () => {
      const rec = await makeRecording();
      for (const run of [1, 2]) {
        const res = await as(staff).post(`/api/recordings/${rec.id}/reprocess`).expect(200);
        expect(res.body).toMatchObject({ id: rec.id, status: 'processing', error: null });
        expect((await queue.getJob(`archive-${rec.id}-${run}`))?.data).toEqual({ recordingId: rec.id });
      }
    });

    it('should refuse with 409 and change nothing when the source file is gone or it is still recording', async () => {
      const gone = await makeRecording({ sourcePath: 'panel-a/deleted.mp4' });
      const res = await as(staff).post(`/api/recordings/${gone.id}/reprocess`).expect(409);
      expect(res.body.message).toBe(
        'Cannot reprocess: There is no file "panel-a/deleted.mp4" in RECORDINGS_DIR',
      );
      expect((await as(staff).get(`/api/recordings/${gone.id}`)).body.status).toBe('ready');

      const live = await makeRecording({ status: 'recording' });
      expect((await as(staff).post(`/api/recordings/${live.id}/reprocess`).expect(409)).body.code).toBe(
        'CONFLICT',
      );
    });
  });
});

/** supertest keeps unknown content types as text; collect the raw bytes instead. */
const binary = ((res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}) as unknown as Parameters<request.Test['parse']>[0];

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
