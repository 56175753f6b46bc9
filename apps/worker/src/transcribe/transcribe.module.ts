import { BullModule, Processor } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@rostrum/config';
import { QUEUES } from '@rostrum/contracts';
import { pocketSphinxEngines, SPEECH_ENGINES } from './speech-engines';
import { TranscribeProcessor } from './transcribe.processor';
import { TranscribeReconciler } from './transcribe-reconciler';
import { TranscribeScheduler } from './transcribe-scheduler';
import { TranscribeService } from './transcribe.service';

/** Transcripts of archived recordings: the `transcribe` queue's worker, its scheduler and reconciler. */
@Module({})
export class TranscribeModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Like the archive: a short lock (tests) hands a killed worker's job back within seconds.
    @Processor(QUEUES.transcribe, {
      concurrency: 1,
      lockDuration: config.archive.lockMs,
      stalledInterval: config.archive.stalledIntervalMs,
      maxStalledCount: 1,
    })
    class ConfiguredTranscribeProcessor extends TranscribeProcessor {}

    return {
      module: TranscribeModule,
      imports: [BullModule.registerQueue({ name: QUEUES.transcribe })],
      providers: [
        { provide: SPEECH_ENGINES, useValue: pocketSphinxEngines(config) },
        TranscribeService,
        TranscribeScheduler,
        ConfiguredTranscribeProcessor,
        TranscribeReconciler,
      ],
      exports: [TranscribeScheduler],
    };
  }
}
