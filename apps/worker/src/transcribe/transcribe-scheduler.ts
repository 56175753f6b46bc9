import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { JOB_NAMES, QUEUES, TranscribeRecordingJob } from '@rostrum/contracts';
import { TranscriptEntity, TranscriptSegmentEntity } from '@rostrum/database';
import { ENGINE_NAME } from './speech-engines';

/** One transcript job per recording, language and archive run: queuing it again adds nothing. */
export const transcribeJobId = (recordingId: string, language: string, run: number) =>
  `transcribe-${recordingId}-${language}-${run}`;

/** Queues the transcripts of archived recordings (after an archive run, and from the reconciler). */
@Injectable()
export class TranscribeScheduler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.transcribe) private readonly queue: Queue<TranscribeRecordingJob>,
  ) {}

  /**
   * After an archive run made the recording ready: each configured language starts afresh (a re-archived
   * video may differ), `queued` with a job, or `unavailable` when the language has no model.
   */
  async startAll(recording: { id: string; attempts: number }): Promise<void> {
    for (const language of this.config.transcribe.languages) {
      const available = language in this.config.transcribe.modelDirs;
      await this.db.transaction(async (tx) => {
        await tx.getRepository(TranscriptSegmentEntity).delete({ recordingId: recording.id, language });
        await tx.getRepository(TranscriptEntity).upsert(
          {
            recordingId: recording.id,
            language,
            status: available ? 'queued' : 'unavailable',
            engine: ENGINE_NAME,
            error: available
              ? null
              : `No speech model for "${language}" (set TRANSCRIBE_MODEL_DIR_${language.toUpperCase()})`,
            chunks: null,
            chunksDone: 0,
          },
          ['recordingId', 'language'],
        );
      });
      if (available) await this.enqueue(recording, language);
    }
  }

  async enqueue(recording: { id: string; attempts: number }, language: string): Promise<void> {
    const data: TranscribeRecordingJob = { recordingId: recording.id, language };
    await this.queue.add(JOB_NAMES.transcribeRecording, data, this.jobOptions(recording, language));
  }

  async jobOf(recording: { id: string; attempts: number }, language: string) {
    return this.queue.getJob(transcribeJobId(recording.id, language, recording.attempts));
  }

  private jobOptions(recording: { id: string; attempts: number }, language: string): JobsOptions {
    return {
      jobId: transcribeJobId(recording.id, language, recording.attempts),
      attempts: this.config.transcribe.attempts,
      backoff: { type: 'exponential', delay: this.config.archive.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 5000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    };
  }
}
