import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { TranscriptEntity, TranscriptSegmentEntity } from '@rostrum/database';
import {
  makePanel,
  makeSpeechVideo,
  makeUser,
  SpeechPart,
  spawnWorkerProcess,
  SpokenPart,
  startTestApi,
  TestApi,
  WorkerProcess,
} from '@rostrum/test-harness';
import { waitFor } from './archive-helpers';

const SENTENCES = [
  'The delegation of Brazil thanks the panel.',
  'Artificial intelligence raises questions about patents and copyright.',
  'The delegation of France proposes a new treaty on open source software.',
  'Ownership of data matters to developing countries.',
  'The panel will now hear the next speaker.',
  'We thank the secretariat for the report.',
];

describe('transcription resumes after the worker is killed (e2e)', () => {
  let api: TestApi;
  let spoken: SpokenPart[];
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // 5 s chunks (the smallest allowed) and a 2 s job lock: a killed worker's job comes back within seconds.
    api = await startTestApi({
      env: { TRANSCRIBE_CHUNK_SECONDS: '5', ARCHIVE_LOCK_MS: '2000', ARCHIVE_STALLED_INTERVAL_MS: '1000' },
    });
    mkdirSync(api.config.recordingsDir, { recursive: true });
    const parts: SpeechPart[] = SENTENCES.flatMap((say, i) => [
      { say, voice: i % 2 ? ('rms' as const) : ('slt' as const) },
      { silence: 1 },
    ]);
    spoken = await makeSpeechVideo(join(api.config.recordingsDir, 'long.mp4'), parts, {
      creationTime: new Date(Date.now() - 3600_000),
    });
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) w.kill();
    await Promise.all(workers.map((w) => w.exited));
    await api?.close();
    if (api) rmSync(dirname(api.config.recordingsDir), { recursive: true, force: true });
  });

  const startWorker = () => {
    const w = spawnWorkerProcess(api.config);
    workers.push(w);
    return w;
  };
  const transcript = (recordingId: string) =>
    api.db.getRepository(TranscriptEntity).findOneBy({ recordingId, language: 'en' });

  it('should carry on from the first chunk not done, with no chunk missing or written twice', async () => {
    const first = startWorker();
    const staff = api.tokenFor(await makeUser(api.db, 'staff'));
    const panel = await makePanel(api.db, { moderators: [await makeUser(api.db, 'moderator')] });
    const { id } = (
      await request(api.url)
        .post('/api/recordings/import')
        .set('Authorization', `Bearer ${staff}`)
        .send({ panelId: panel.id, sourcePath: 'long.mp4' })
        .expect(201)
    ).body as { id: string };

    // Killed once some chunks are saved and some are not.
    const midway = await waitFor(
      () => `a chunk saved\n${first.output()}`,
      async () => {
        const t = await transcript(id);
        return t?.chunks && t.chunksDone >= 1 && t.chunksDone < t.chunks.length ? t : null;
      },
      180_000,
    );
    first.kill();
    await first.exited;
    const doneBeforeKill = (await transcript(id))!.chunksDone;
    expect(doneBeforeKill).toBeLessThan(midway.chunks!.length);

    const second = startWorker();
    const done = await waitFor(
      () => `the transcript ready\n${second.output()}`,
      async () => {
        const t = await transcript(id);
        if (t?.status === 'failed') throw new Error(`transcript failed: ${t.error}`);
        return t?.status === 'ready' ? t : null;
      },
      180_000,
    );
    expect(done.chunks).toEqual(midway.chunks); // the plan was kept, not made again
    expect(done.chunksDone).toBe(done.chunks!.length);

    const segments = await api.db
      .getRepository(TranscriptSegmentEntity)
      .find({ where: { recordingId: id, language: 'en' }, order: { startSeconds: 'ASC' } });
    // No chunk twice: lines never overlap in time, and each sits inside its own chunk.
    for (let i = 1; i < segments.length; i++) {
      expect(segments[i].startSeconds).toBeGreaterThanOrEqual(segments[i - 1].endSeconds);
    }
    for (const s of segments) {
      const chunk = done.chunks![s.chunkIndex];
      expect(s.startSeconds).toBeGreaterThanOrEqual(chunk.startSeconds);
      expect(s.endSeconds).toBeLessThanOrEqual(chunk.endSeconds);
    }
    // No chunk missing: every sentence was heard, including those around the kill.
    for (const sentence of spoken) {
      const heard = segments.filter(
        (s) => s.endSeconds > sentence.startSeconds && s.startSeconds < sentence.endSeconds,
      );
      expect({ sentence: sentence.text, heard: heard.length > 0 }).toEqual({
        sentence: sentence.text,
        heard: true,
      });
    }
  }, 420_000);
});
