import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { TranscriptStatus } from '@rostrum/contracts';
import {
  RecordingEntity,
  TranscriptChunk,
  TranscriptEntity,
  TranscriptSegmentEntity,
} from '@rostrum/database';
import { speechSpans, SpeechSpan } from '../archive/chapters';
import { probeMedia } from '../archive/media-probe';
import { tryLockRecording } from '../archive/recording-lock';
import { readSpeechLog } from '../archive/speech-log';
import { detectSilences, extractChunkWav, isSilent, planChunks, Silence } from './audio-chunks';
import { SpeechEngine, SpeechEngineFactory, Utterance } from './speech-engine';
import { SPEECH_ENGINES } from './speech-engines';
import { buildSegments } from './transcript-segments';

/** The advisory-lock namespace of "transcribing recording X in language L". */
const TRANSCRIBE_LOCK_NAMESPACE = 7_300_413;

export type TranscribeOutcome = 'transcribed' | 'nothing-to-do' | 'unavailable' | 'busy';

/**
 * Transcribes one language of one archived recording, a chunk at a time. Each chunk's segments and the
 * transcript's `chunksDone` are written in one transaction, so a run that starts again after a crash skips
 * the chunks already done and never writes one twice.
 */
@Injectable()
export class TranscribeService {
  private readonly logger = new Logger(TranscribeService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SPEECH_ENGINES) private readonly engines: SpeechEngineFactory,
  ) {}

  async transcribe(
    recordingId: string,
    language: string,
    onProgress: (percent: number) => Promise<void>,
  ): Promise<TranscribeOutcome> {
    const release = await tryLockRecording(this.db, `${recordingId}:${language}`, TRANSCRIBE_LOCK_NAMESPACE);
    if (!release) return 'busy';
    try {
      const recording = await this.db.getRepository(RecordingEntity).findOneBy({ id: recordingId });
      const transcript = await this.transcripts.findOneBy({ recordingId, language });
      if (!recording?.videoFile || recording.status !== 'ready' || !transcript) return 'nothing-to-do';
      if (transcript.status === 'ready' || transcript.status === 'unavailable') return 'nothing-to-do';
      const engine = this.engines(language);
      if (!engine) {
        await this.setStatus(recordingId, language, 'unavailable', `No speech model for "${language}"`);
        return 'unavailable';
      }
      if (transcript.status !== 'processing') await this.setStatus(recordingId, language, 'processing', null);

      const file = join(this.config.archiveDir, recording.videoFile);
      const hasAudio = (await probeMedia(file)).audio !== null;
      const silences = hasAudio ? await detectSilences(file) : [];
      const chunks =
        transcript.chunks ??
        (await this.savePlan(transcript, hasAudio, recording.durationSeconds ?? 0, silences));
      const spans = await this.spansOf(recording);
      this.logger.log(
        { recordingId, language, chunks: chunks.length, from: transcript.chunksDone },
        'transcribing',
      );
      for (let index = transcript.chunksDone; index < chunks.length; index++) {
        const utterances = isSilent(chunks[index], silences)
          ? []
          : await recognise(engine, file, chunks[index]);
        await this.saveChunk(transcript, index, buildSegments(utterances, spans));
        await onProgress(Math.round(((index + 1) / chunks.length) * 100));
      }
      await this.setStatus(recordingId, language, 'ready', null);
      return 'transcribed';
    } finally {
      await release();
    }
  }

  /** After the last attempt: the transcript says why. */
  async markFailed(recordingId: string, language: string, reason: string): Promise<void> {
    await this.setStatus(recordingId, language, 'failed', reason);
  }

  private get transcripts() {
    return this.db.getRepository(TranscriptEntity);
  }

  private async savePlan(
    transcript: TranscriptEntity,
    hasAudio: boolean,
    durationSeconds: number,
    silences: Silence[],
  ): Promise<TranscriptChunk[]> {
    const chunks = hasAudio ? planChunks(durationSeconds, silences, this.config.transcribe.chunkSeconds) : [];
    await this.transcripts.update(
      { recordingId: transcript.recordingId, language: transcript.language },
      { chunks, chunksDone: 0 },
    );
    transcript.chunksDone = 0;
    return chunks;
  }

  private async saveChunk(
    transcript: TranscriptEntity,
    index: number,
    segments: ReturnType<typeof buildSegments>,
  ): Promise<void> {
    const { recordingId, language } = transcript;
    await this.db.transaction(async (tx) => {
      const moved = await tx
        .getRepository(TranscriptEntity)
        .createQueryBuilder()
        .update()
        .set({ chunksDone: index + 1 })
        .where('recording_id = :recordingId AND language = :language AND chunks_done = :index', {
          recordingId,
          language,
          index,
        })
        .execute();
      // Another run (a straggler that outlived its lock) already saved this chunk.
      if (!moved.affected) return;
      if (segments.length === 0) return;
      await tx.getRepository(TranscriptSegmentEntity).insert(
        segments.map((s) => ({
          recordingId,
          language,
          chunkIndex: index,
          startSeconds: s.startSeconds,
          endSeconds: s.endSeconds,
          text: s.text,
          interventionId: s.interventionId,
          speakerName: s.speaker?.name ?? null,
          delegationCode: s.speaker?.delegation?.code ?? null,
          delegationName: s.speaker?.delegation?.name ?? null,
        })),
      );
    });
  }

  /** Who had the floor when: needs the recording's start time to line the floor log up with the video. */
  private async spansOf(recording: RecordingEntity): Promise<SpeechSpan[]> {
    if (!recording.startedAt) return [];
    const rows = await readSpeechLog(this.db, recording.panelId);
    return speechSpans(rows, recording.startedAt, recording.durationSeconds ?? 0);
  }

  private async setStatus(
    recordingId: string,
    language: string,
    status: TranscriptStatus,
    error: string | null,
  ) {
    await this.transcripts.update({ recordingId, language }, { status, error });
  }
}

/** One chunk through the engine, its word times moved from the chunk's start to the recording's. */
async function recognise(engine: SpeechEngine, file: string, chunk: TranscriptChunk): Promise<Utterance[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rostrum-transcribe-'));
  try {
    const wav = join(dir, 'chunk.wav');
    await extractChunkWav(file, chunk, wav);
    const utterances = await engine.transcribe(wav);
    return utterances.map((u) => ({
      words: u.words.map((w) => ({
        text: w.text,
        startSeconds: round(w.startSeconds + chunk.startSeconds),
        endSeconds: round(Math.min(w.endSeconds + chunk.startSeconds, chunk.endSeconds)),
      })),
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
