import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { isUUID } from 'class-validator';
import { TranscribeRecordingJob } from '@rostrum/contracts';
import { TranscribeOutcome, TranscribeService } from './transcribe.service';

const BUSY_RETRY_MS = 5000;

/** Runs the `transcribe` queue (decorated in TranscribeModule, where the worker options come from the config). */
@Injectable()
export class TranscribeProcessor extends WorkerHost implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TranscribeProcessor.name);

  constructor(private readonly transcribe: TranscribeService) {
    super();
  }

  async process(job: Job<TranscribeRecordingJob>, token?: string): Promise<TranscribeOutcome | 'dropped'> {
    const { recordingId, language } = job.data;
    if (!isUUID(recordingId) || typeof language !== 'string') {
      this.logger.error({ jobId: job.id, data: job.data }, 'transcribe job without a recording or language');
      return 'dropped';
    }
    try {
      const outcome = await this.transcribe.transcribe(recordingId, language, (p) => job.updateProgress(p));
      if (outcome === 'busy') {
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      }
      return outcome;
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      const attempt = job.attemptsMade + 1;
      const attempts = job.opts.attempts ?? 1;
      this.logger.warn({ recordingId, language, attempt, attempts, err }, 'transcribe attempt failed');
      if (attempt >= attempts) {
        const why = (err as Error)?.message ?? String(err);
        await this.transcribe.markFailed(recordingId, language, `Transcription failed: ${why}`);
      }
      throw err;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
