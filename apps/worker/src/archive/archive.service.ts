import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import {
  AudioTrackView,
  StoredChapter,
  FLOOR_LOG_ACTIONS,
  RecordingStatus,
  StoredRecordingChannel,
} from '@rostrum/contracts';
import { RecordingEntity } from '@rostrum/database';
import { appendRecordEntries } from '@rostrum/record';
import {
  archiveFileNames,
  latestArchiveJobId,
  resolveSourcePath,
  SourcePathError,
} from '@rostrum/recordings';
import { ArchiveError } from './archive-error';
import { archiveMedia, ArchivedMedia, removeStrayTemps } from './archive-pipeline';
import { buildChapters } from './chapters';
import type { ArchiveChannel } from './channel-mix';
import { readSpeechLog } from './speech-log';
import { TranscribeScheduler } from '../transcribe/transcribe-scheduler';
import { RecordingStatusPublisher } from './recording-status.publisher';
import { tryLockRecording } from './recording-lock';

/** busy: another worker holds this recording; the job should come back later. */
export type ArchiveOutcome = 'archived' | 'already-ready' | 'no-such-recording' | 'busy';

/** Archives one recording: its row is the truth, its files are named by its id. */
@Injectable()
export class ArchiveService {
  private readonly logger = new Logger(ArchiveService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publisher: RecordingStatusPublisher,
    private readonly transcripts: TranscribeScheduler,
  ) {}

  /** Re-reads the row and returns early when the work is done; throws ArchiveError for a bad source. */
  async archive(recordingId: string): Promise<ArchiveOutcome> {
    const release = await tryLockRecording(this.db, recordingId);
    if (!release) return 'busy';
    try {
      const recording = await this.recordings.findOneBy({ id: recordingId });
      if (!recording) return 'no-such-recording';
      if (recording.status === 'ready') return 'already-ready';
      if (recording.status !== 'processing') await this.changeStatus(recording, 'processing', null);
      // A reprocess requested while this run works bumps `attempts`: then this run must not claim "ready".
      const run = recording.attempts;
      this.logger.log({ recordingId, run }, 'archiving recording');

      const source = await this.sourceOf(recording);
      const { media, chapters, audioTracks } = await archiveMedia({
        source,
        archiveDir: this.config.archiveDir,
        recordingId,
        chapters: (m) => this.chaptersOf(recording, m),
        channels: await this.channelsOf(recording),
        floorLanguage: await this.floorLanguageOf(recording),
      });
      await this.saveResult(recording, run, media, chapters, audioTracks);
      this.logger.log({ recordingId, run, reencoded: media.reencoded }, 'recording archived');
      return 'archived';
    } finally {
      await release();
    }
  }

  /**
   * After the last attempt: the row says why, in words staff can act on. With `run`, only while that run is
   * still the latest (a reprocess asked for meanwhile keeps the row `processing`).
   */
  async markFailed(recordingId: string, reason: string, run?: number): Promise<void> {
    const update = this.recordings
      .createQueryBuilder()
      .update()
      .set({ status: 'failed', error: reason })
      .where('id = :recordingId AND status <> :ready', { recordingId, ready: 'ready' });
    if (run !== undefined) update.andWhere('attempts = :run', { run });
    const result = await update.execute();
    if (!result.affected) return;
    this.logger.warn({ recordingId, reason }, 'recording archive failed');
    const recording = await this.recordings.findOneBy({ id: recordingId });
    if (recording) this.publisher.publish(recording);
  }

  /**
   * A job BullMQ failed without `process` seeing it (its workers kept dying mid-run). If it is still the
   * recording's latest run, the row says failed and what the dead runs left in ARCHIVE_DIR goes.
   */
  async abandonRun(recordingId: string, jobId: string, reason: string): Promise<void> {
    const recording = await this.recordings.findOneBy({ id: recordingId });
    if (recording?.status !== 'processing' || latestArchiveJobId(recording) !== jobId) return;
    // The files only while no run holds the recording: one that does (a straggler) removes its own.
    const release = await tryLockRecording(this.db, recordingId);
    if (release) {
      try {
        await removeStrayTemps(this.config.archiveDir, recordingId);
      } finally {
        await release();
      }
    }
    await this.markFailed(recordingId, reason, recording.attempts);
  }

  private get recordings() {
    return this.db.getRepository(RecordingEntity);
  }

  private async sourceOf(recording: RecordingEntity): Promise<string> {
    if (!recording.sourcePath) throw new ArchiveError('The recording has no source file');
    return this.resolve(recording.sourcePath);
  }

  private async resolve(sourcePath: string, what = ''): Promise<string> {
    try {
      return (await resolveSourcePath(this.config.recordingsDir, sourcePath)).absolute;
    } catch (err) {
      if (err instanceof SourcePathError) throw new ArchiveError(`${what}${err.message}`);
      throw err;
    }
  }

  /**
   * The channels that produced a file, each with its offset from the video: given (an import), or from
   * the media start times LiveKit reported for the channel and for the video.
   */
  private async channelsOf(recording: RecordingEntity): Promise<ArchiveChannel[]> {
    const channels: ArchiveChannel[] = [];
    for (const c of recording.channels ?? []) {
      if (c.status !== 'ended' || !c.sourcePath) continue;
      channels.push({
        language: c.language,
        source: await this.resolve(c.sourcePath, `The ${c.language} channel: `),
        offsetSeconds: channelOffsetSeconds(recording.mediaStartedAt, c),
      });
    }
    return channels;
  }

  /** The event's first language is the floor's usual one: its track's tag. */
  private async floorLanguageOf(recording: RecordingEntity): Promise<string | null> {
    const [row] = (await this.db.query('SELECT languages FROM events WHERE id = $1', [
      recording.eventId,
    ])) as {
      languages: string[] | null;
    }[];
    return row?.languages?.[0] ?? null;
  }

  private async changeStatus(recording: RecordingEntity, status: RecordingStatus, error: string | null) {
    await this.recordings.update(recording.id, { status, error });
    Object.assign(recording, { status, error });
    this.publisher.publish(recording);
  }

  private async saveResult(
    recording: RecordingEntity,
    run: number,
    media: ArchivedMedia,
    chapters: StoredChapter[],
    audioTracks: AudioTrackView[],
  ) {
    const names = archiveFileNames(recording.id);
    const startedAt = recording.startedAt ?? media.creationTime;
    const endedAt =
      recording.endedAt ?? (startedAt ? new Date(startedAt.getTime() + media.durationSeconds * 1000) : null);
    const result = {
      videoFile: names.video,
      posterFile: names.poster,
      durationSeconds: media.durationSeconds,
      sizeBytes: media.sizeBytes,
      sha256: media.sha256,
      width: media.width,
      height: media.height,
      chapters,
      startedAt,
      endedAt,
      audioTracks: audioTracks.map(({ language, title }) => ({ language, title })),
    };
    const ready = await this.db.transaction(async (tx) => {
      // The panel's row lock, as the API's changes take it: the entry takes the next place in the panel's chain.
      await tx.query('SELECT 1 FROM panels WHERE id = $1 FOR UPDATE', [recording.panelId]);
      const updated = await tx
        .getRepository(RecordingEntity)
        .createQueryBuilder()
        .update()
        .set({ ...result, status: 'ready', error: null })
        .where('id = :id AND attempts = :run', { id: recording.id, run })
        .execute();
      if (updated.affected) await recordArchived(tx, recording, media);
      return updated;
    });
    if (!ready.affected) {
      // Reprocess was asked for meanwhile: keep these files, and let its job make the row ready.
      await this.recordings.update(recording.id, result);
      return;
    }
    const fresh = await this.recordings.findOneByOrFail({ id: recording.id });
    this.publisher.publish(fresh);
    // Transcripts follow the video they were made from: each archive run that lands starts them again (if
    // this fails, the transcribe reconciler schedules them).
    await this.transcripts.startAll(recording);
  }

  /** Chapters need to know when the recording started: from the egress, or the file's creation time. */
  private async chaptersOf(recording: RecordingEntity, media: ArchivedMedia): Promise<StoredChapter[]> {
    const startedAt = recording.startedAt ?? media.creationTime;
    if (!startedAt) return [];
    const rows = await readSpeechLog(this.db, recording.panelId);
    return buildChapters(rows, startedAt, media.durationSeconds);
  }
}

/** Seconds from the video's media start to the channel's: given on import, else from LiveKit's times. */
export function channelOffsetSeconds(
  videoStartedAt: Date | null,
  channel: Pick<StoredRecordingChannel, 'offsetSeconds' | 'mediaStartedAt'>,
): number {
  if (channel.offsetSeconds !== null && channel.offsetSeconds !== undefined) return channel.offsetSeconds;
  if (!videoStartedAt || !channel.mediaStartedAt) return 0;
  return (new Date(channel.mediaStartedAt).getTime() - videoStartedAt.getTime()) / 1000;
}

/**
 * Binds the archived video to the panel's record: `recording:archived` with its sha256, once per archived
 * file (a job that runs again for the same result adds nothing). The caller holds the panel's row lock.
 */
async function recordArchived(tx: EntityManager, recording: RecordingEntity, media: ArchivedMedia) {
  const detail = { recordingId: recording.id, sha256: media.sha256, durationSeconds: media.durationSeconds };
  const written: unknown[] = await tx.query(
    `SELECT 1 FROM floor_log WHERE panel_id = $1 AND action = $2
       AND detail->>'recordingId' = $3 AND detail->>'sha256' = $4`,
    [recording.panelId, FLOOR_LOG_ACTIONS.recordingArchived, recording.id, media.sha256],
  );
  if (written.length > 0) return;
  await appendRecordEntries(tx, recording.panelId, [
    { actor: null, action: FLOOR_LOG_ACTIONS.recordingArchived, detail },
  ]);
}
