import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { TranscribeScheduler } from './transcribe-scheduler';
import { PeriodicReconciler } from '../periodic-reconciler';

/**
 * At start and every minute: a ready recording without a transcript row for a configured language (archived
 * before transcription existed, or a language added since) is scheduled; a `queued` or `processing`
 * transcript whose job is not in Redis (lost, or an enqueue that failed) is queued again under the same id.
 */
@Injectable()
export class TranscribeReconciler extends PeriodicReconciler {
  protected readonly subject = 'transcribe';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: TranscribeScheduler,
  ) {
    super();
  }

  async sweep(): Promise<void> {
    const unscheduled: { id: string; attempts: number }[] = await this.db.query(
      `SELECT DISTINCT r.id, r.attempts FROM recordings r
         CROSS JOIN unnest($1::text[]) AS l(language)
         LEFT JOIN recording_transcripts t ON t.recording_id = r.id AND t.language = l.language
        WHERE r.status = 'ready' AND t.recording_id IS NULL`,
      [this.config.transcribe.languages],
    );
    for (const recording of unscheduled) await this.scheduler.startAll(recording);

    const pending: { id: string; attempts: number; language: string }[] = await this.db.query(
      `SELECT r.id, r.attempts, t.language FROM recording_transcripts t
         JOIN recordings r ON r.id = t.recording_id
        WHERE r.status = 'ready' AND t.status IN ('queued', 'processing')`,
    );
    for (const row of pending) {
      if (await this.scheduler.jobOf(row, row.language)) continue;
      this.logger.warn(
        { recordingId: row.id, language: row.language },
        'transcript without a job: queued again',
      );
      await this.scheduler.enqueue(row, row.language);
    }
  }
}
