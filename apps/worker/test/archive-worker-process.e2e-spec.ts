import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveFilesOf, LongArchiveFixture, startLongArchiveFixture, waitFor } from './archive-helpers';

/**
 * Real worker processes: one killed with SIGKILL mid-job (its job must be picked up by the next worker,
 * with one result), one stopped with SIGTERM (it must finish the job in hand before exiting).
 */
describe('archive worker process lifecycle (e2e)', () => {
  let f: LongArchiveFixture;

  beforeAll(async () => (f = await startLongArchiveFixture()), 60_000);
  afterAll(() => f?.close());

  it('should hand a killed worker’s job to the next worker and end with one archived file', async () => {
    const first = f.startWorker();
    const id = await f.importLong();
    await f.midJob(id, first);

    first.kill();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await f.row(id)).status).toBe('processing');
    expect(f.tempFilesOf(id).length).toBeGreaterThan(0); // what the killed run left behind

    const second = f.startWorker();
    const ready = await waitFor(
      () => `recording ready after the restart\n${second.output()}`,
      async () => {
        const r = await f.row(id);
        if (r.status === 'failed') throw new Error(r.error ?? 'failed');
        return r.status === 'ready' && r;
      },
      120_000,
    );

    const { archiveDir } = f.api.config;
    expect(archiveFilesOf(archiveDir, id)).toEqual([`${id}.jpg`, `${id}.mp4`, `${id}.vtt`]);
    const video = readFileSync(join(archiveDir, `${id}.mp4`));
    expect(createHash('sha256').update(video).digest('hex')).toBe(ready.sha256);
    expect(Math.abs(ready.durationSeconds! - 40)).toBeLessThanOrEqual(0.5);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 240_000);

  it('should finish the job in hand before exiting when sent SIGTERM', async () => {
    const w = f.startWorker();
    const id = await f.importLong();
    await f.midJob(id, w);

    w.child.kill('SIGTERM');
    const exit = await w.exited;

    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    const after = await f.row(id);
    expect({ status: after.status, error: after.error }).toEqual({ status: 'ready', error: null });
    expect(archiveFilesOf(f.api.config.archiveDir, id)).toEqual([`${id}.jpg`, `${id}.mp4`, `${id}.vtt`]);
  }, 180_000);
});
