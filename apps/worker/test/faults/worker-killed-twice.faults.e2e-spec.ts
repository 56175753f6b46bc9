import { Queue } from 'bullmq';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { QUEUES } from '@rostrum/contracts';
import { archiveRunJobId } from '@rostrum/recordings';
import { WorkerProcess } from '@rostrum/test-harness';
import { archiveFilesOf, LongArchiveFixture, startLongArchiveFixture, waitFor } from '../archive-helpers';

const STALLED_REASON = 'job stalled more than allowable limit';
const STAFF_ERROR = 'The worker stopped repeatedly while archiving this recording';

/**
 * A recording whose worker is killed (SIGKILL, as an OOM kill would) twice in the middle of its archive:
 * BullMQ gives up on the job, and the recording must say `failed` with a reason staff can read instead of
 * staying `processing` for ever.
 */
describe('archive worker killed twice on one job (faults)', () => {
  let f: LongArchiveFixture;
  let queue: Queue;
  /** The recording the first test fails; the second one replays a lost write on it. */
  let failedId: string | undefined;

  beforeAll(async () => {
    f = await startLongArchiveFixture();
    queue = new Queue(QUEUES.archive, {
      connection: { url: f.api.config.redisUrl },
      prefix: `${f.api.config.redisPrefix}:bull`,
    });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await f?.close();
  });

  const staffView = async (id: string) =>
    (
      await request(f.api.url)
        .get(`/api/recordings/${id}`)
        .set('Authorization', `Bearer ${f.staffToken}`)
        .expect(200)
    ).body as { status: string; error: string | null };
  const killMidJob = async (id: string, leftBehind: string[] = []) => {
    const w = f.startWorker();
    await f.midJob(id, w, leftBehind);
    w.kill();
    expect(await w.exited).toEqual({ code: null, signal: 'SIGKILL' });
    return f.tempFilesOf(id);
  };
  const failedRow = (id: string, w: WorkerProcess) =>
    waitFor(
      () => `recording ${id} failed\n${w.output()}`,
      async () => {
        const r = await f.row(id);
        if (r.status === 'ready') throw new Error('the recording was archived: it was never failed');
        return r.status === 'failed' && r;
      },
      // Well under the reconciler's minute: the first test must see the stalled-job handler at work.
      30_000,
    );
  const archiveRunsOf = (id: string, w: WorkerProcess) =>
    w
      .output()
      .split('\n')
      .filter((line) => line.includes(id) && line.includes('archiving recording'));

  it('should fail the job for stalling, mark the recording failed and leave nothing in ARCHIVE_DIR', async () => {
    const id = await f.importLong();
    const leftByFirst = await killMidJob(id);
    const leftBySecond = await killMidJob(id, leftByFirst); // the job handed back, picked up, killed again
    expect((await f.row(id)).status).toBe('processing');
    expect(leftBySecond.length).toBeGreaterThan(0);

    // BullMQ notices a stall only while some worker runs its stalled check.
    const third = f.startWorker();
    const row = await failedRow(id, third);

    expect(row.error).toBe(STAFF_ERROR);
    expect(await staffView(id)).toMatchObject({ status: 'failed', error: STAFF_ERROR });
    const job = (await queue.getJob(archiveRunJobId(id, 0)))!;
    expect({ state: await job.getState(), reason: job.failedReason }).toEqual({
      state: 'failed',
      reason: STALLED_REASON,
    });
    expect(archiveFilesOf(f.api.config.archiveDir, id)).toEqual([]);

    // The third worker does not take the job up again: a few stalled checks later nothing has moved.
    await new Promise((r) => setTimeout(r, 3 * f.api.config.archive.stalledIntervalMs));
    expect(await job.getState()).toBe('failed');
    expect((await f.row(id)).status).toBe('failed');
    expect(archiveRunsOf(id, third)).toEqual([]);
    expect(archiveFilesOf(f.api.config.archiveDir, id)).toEqual([]);
    third.kill();
    await third.exited;
    failedId = id;
  }, 180_000);

  it('should mark the recording failed when a worker starts, if the failure never reached its row', async () => {
    if (!failedId) throw new Error('needs the job the previous test failed');
    const id = failedId;
    // A worker killed between BullMQ failing the job and writing the row: the row still says processing,
    // and that run's temporary file is still there.
    await f.api.db.query(`UPDATE recordings SET status = 'processing', error = NULL WHERE id = $1`, [id]);
    writeFileSync(join(f.api.config.archiveDir, `${id}.tmp-0000dead.mp4`), 'half a video');

    const next = f.startWorker();
    const row = await failedRow(id, next);

    expect(row.error).toBe(STAFF_ERROR);
    expect(await staffView(id)).toMatchObject({ status: 'failed', error: STAFF_ERROR });
    expect(archiveFilesOf(f.api.config.archiveDir, id)).toEqual([]);
    expect(archiveRunsOf(id, next)).toEqual([]);
  }, 60_000);
});
