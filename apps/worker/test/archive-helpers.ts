import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { InterventionKind, FLOOR_LOG_ACTIONS } from '@rostrum/contracts';
import { DelegationEntity, InterventionEntity, RecordingEntity, UserEntity } from '@rostrum/database';
import { appendRecordEntries } from '@rostrum/record';
import {
  makePanel,
  makeTestVideo,
  makeUser,
  spawnWorkerProcess,
  startTestApi,
  WorkerProcess,
} from '@rostrum/test-harness';

/**
 * Polls until `probe` answers something truthy, or fails with `what` after the timeout (a function: worded
 * then, e.g. with a worker's output so far).
 */
export async function waitFor<T>(
  what: string | (() => string),
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The top-level MP4 box types, in file order. */
export function topLevelBoxes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 0; offset + 8 <= bytes.length;) {
    let size = bytes.readUInt32BE(offset);
    if (size === 1) size = Number(bytes.readBigUInt64BE(offset + 8));
    types.push(bytes.toString('latin1', offset + 4, offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return types;
}

/** The files in ARCHIVE_DIR belonging to one recording. */
export const archiveFilesOf = (archiveDir: string, recordingId: string) =>
  readdirSync(archiveDir)
    .filter((f) => f.startsWith(recordingId))
    .sort();

/**
 * Writes a floor session the way the floor does (interventions and their speech:started / speech:ended
 * log rows), at times given in seconds from `origin`.
 */
export async function scriptFloorSession(
  db: DataSource,
  panelId: string,
  origin: Date,
  speeches: {
    delegate: UserEntity;
    delegation: DelegationEntity | null;
    kind: InterventionKind;
    from: number;
    to: number;
  }[],
): Promise<void> {
  const at = (s: number) => new Date(origin.getTime() + s * 1000);
  for (const speech of speeches) {
    const intervention = await db.getRepository(InterventionEntity).save({
      panelId,
      delegateId: speech.delegate.id,
      delegationId: speech.delegation?.id ?? null,
      kind: speech.kind,
      status: 'done',
      requestedAt: at(speech.from - 30),
      startedAt: at(speech.from),
      endedAt: at(speech.to),
      allottedSeconds: 180,
      spokenSeconds: speech.to - speech.from,
      endReason: 'ended',
    });
    await db.transaction((tx) =>
      appendRecordEntries(tx, panelId, [
        {
          actor: null,
          at: at(speech.from),
          action: FLOOR_LOG_ACTIONS.speechStarted,
          interventionId: intervention.id,
          detail: {
            delegateId: speech.delegate.id,
            delegateName: speech.delegate.name,
            delegationId: speech.delegation?.id ?? null,
            delegationName: speech.delegation?.name ?? null,
            delegationCode: speech.delegation?.code ?? null,
            kind: speech.kind,
            allottedSeconds: 180,
          },
        },
        {
          actor: null,
          at: at(speech.to),
          action: FLOOR_LOG_ACTIONS.speechEnded,
          interventionId: intervention.id,
          detail: { reason: 'ended', spokenSeconds: speech.to - speech.from },
        },
      ]),
    );
  }
}

/** This recording's temporary files in ARCHIVE_DIR (`<id>.tmp-*`): a run under way, or what a killed one left. */
export const tempFilesOf = (archiveDir: string, recordingId: string) =>
  existsSync(archiveDir) ? readdirSync(archiveDir).filter((f) => f.startsWith(`${recordingId}.tmp-`)) : [];

/**
 * A test API whose archive jobs take seconds (a 40 s clip in codecs browsers cannot play, so it is re-encoded),
 * with real worker processes that can be killed mid-job. A 2 s job lock and a 1 s stalled check: a killed
 * worker's job is handed back within seconds instead of 30.
 */
export async function startLongArchiveFixture() {
  const api = await startTestApi({ env: { ARCHIVE_LOCK_MS: '2000', ARCHIVE_STALLED_INTERVAL_MS: '1000' } });
  mkdirSync(api.config.recordingsDir, { recursive: true });
  mkdirSync(api.config.archiveDir, { recursive: true });
  await makeTestVideo(join(api.config.recordingsDir, 'long.mkv'), { seconds: 40, codec: 'legacy' });
  const staffToken = api.tokenFor(await makeUser(api.db, 'staff'));
  const panelId = (await makePanel(api.db, { moderators: [await makeUser(api.db, 'moderator')] })).id;
  const workers: WorkerProcess[] = [];
  const temps = (id: string) => tempFilesOf(api.config.archiveDir, id);

  return {
    api,
    staffToken,
    startWorker(): WorkerProcess {
      const w = spawnWorkerProcess(api.config);
      workers.push(w);
      return w;
    },
    /** Imports the long clip; resolves with the new recording's id. */
    async importLong(): Promise<string> {
      const res = await request(api.url)
        .post('/api/recordings/import')
        .set('Authorization', `Bearer ${staffToken}`)
        .send({ panelId, sourcePath: 'long.mkv' })
        .expect(201);
      return res.body.id as string;
    },
    row: (id: string) => api.db.getRepository(RecordingEntity).findOneByOrFail({ id }),
    tempFilesOf: temps,
    /**
     * Waits until `worker` has the job in hand: a temporary file of the recording exists that is not one of
     * `leftBehind` (a killed run's, which the next run removes before writing its own).
     */
    midJob: (id: string, worker: WorkerProcess, leftBehind: string[] = []) =>
      waitFor(
        () => `a worker to start on ${id}\n${worker.output()}`,
        async () => temps(id).some((f) => !leftBehind.includes(f)),
        90_000,
      ),
    async close(): Promise<void> {
      for (const w of workers) w.kill();
      await Promise.all(workers.map((w) => w.exited));
      await api.close();
      rmSync(dirname(api.config.recordingsDir), { recursive: true, force: true });
    },
  };
}

export type LongArchiveFixture = Awaited<ReturnType<typeof startLongArchiveFixture>>;
