import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RecordingEntity } from '@rostrum/database';
import request from 'supertest';
import {
  makePanel,
  makeTestVideo,
  makeUser,
  spawnWorkerProcess,
  startTestApi,
  TestApi,
  WorkerProcess,
} from '@rostrum/testing';
import { archiveFilesOf, waitFor } from './archive-helpers';

/**
 * Real worker processes: one killed with SIGKILL mid-job (its job must be picked up by the next worker,
 * with one result), one stopped with SIGTERM (it must finish the job in hand before exiting).
 */
describe('archive worker process lifecycle (e2e)', () => {
  let api: TestApi;
  let staffToken: string;
  let panelId: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // A 2 s job lock: a killed worker's job is handed back within seconds instead of 30.
    api = await startTestApi({ env: { ARCHIVE_LOCK_MS: '2000', ARCHIVE_STALLED_INTERVAL_MS: '1000' } });
    mkdirSync(api.config.recordingsDir, { recursive: true });
    // Codecs browsers cannot play, so the job re-encodes for a few seconds: long enough to be caught mid-way.
    await makeTestVideo(join(api.config.recordingsDir, 'long.mkv'), { seconds: 40, codec: 'legacy' });
    staffToken = api.tokenFor(await makeUser(api.db, 'staff'));
    panelId = (await makePanel(api.db, { moderators: [await makeUser(api.db, 'moderator')] })).id;
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) w.kill();
    await api?.close();
    rmSync(dirname(api.config.recordingsDir), { recursive: true, force: true });
  });

  const startWorker = () => {
    const w = spawnWorkerProcess(api.config);
    workers.push(w);
    return w;
  };
  const importLong = async () =>
    (
      await request(api.url)
        .post('/api/recordings/import')
        .set('Authorization', `Bearer ${staffToken}`)
        .send({ panelId, sourcePath: 'long.mkv' })
        .expect(201)
    ).body.id as string;
  const row = (id: string) => api.db.getRepository(RecordingEntity).findOneByOrFail({ id });
  const tempFilesOf = (id: string) =>
    readdirSync(api.config.archiveDir).filter((f) => f.startsWith(`${id}.tmp-`));
  /** The job is in hand once its first temporary file exists. */
  const midJob = (id: string, w: WorkerProcess) =>
    waitFor(
      `worker to start on ${id}\n${w.output()}`,
      async () => {
        mkdirSync(api.config.archiveDir, { recursive: true });
        return tempFilesOf(id).length > 0;
      },
      90_000,
    );

  it('should hand a killed worker’s job to the next worker and end with one archived file', async () => {
    const first = startWorker();
    const id = await importLong();
    await midJob(id, first);

    first.kill();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await row(id)).status).toBe('processing');
    expect(tempFilesOf(id).length).toBeGreaterThan(0); // what the killed run left behind

    const second = startWorker();
    const ready = await waitFor(
      `recording ready after the restart\n${second.output()}`,
      async () => {
        const r = await row(id);
        if (r.status === 'failed') throw new Error(r.error ?? 'failed');
        return r.status === 'ready' && r;
      },
      120_000,
    );

    expect(archiveFilesOf(api.config.archiveDir, id)).toEqual([`${id}.jpg`, `${id}.mp4`, `${id}.vtt`]);
    const video = readFileSync(join(api.config.archiveDir, `${id}.mp4`));
    expect(createHash('sha256').update(video).digest('hex')).toBe(ready.sha256);
    expect(Math.abs(ready.durationSeconds! - 40)).toBeLessThanOrEqual(0.5);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 240_000);

  it('should finish the job in hand before exiting when sent SIGTERM', async () => {
    const w = startWorker();
    const id = await importLong();
    await midJob(id, w);

    w.child.kill('SIGTERM');
    const exit = await w.exited;

    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    const after = await row(id);
    expect({ status: after.status, error: after.error }).toEqual({ status: 'ready', error: null });
    expect(archiveFilesOf(api.config.archiveDir, id)).toEqual([`${id}.jpg`, `${id}.mp4`, `${id}.vtt`]);
  }, 180_000);
});
