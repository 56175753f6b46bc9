import { BullModule, Processor } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@rostrum/config';
import { QUEUES } from '@rostrum/contracts';
import { TranscribeModule } from '../transcribe/transcribe.module';
import { ArchiveProcessor } from './archive.processor';
import { ArchiveReconciler } from './archive-reconciler';
import { ArchiveService } from './archive.service';
import { RecordingStatusPublisher } from './recording-status.publisher';

/** The recording archive: a BullMQ worker on the archive queue. */
@Module({})
export class ArchiveModule {
  static forRoot(config: AppConfig): DynamicModule {
    // @Processor takes the worker options as decorator metadata; they depend on the config, so decorate a
    // subclass here. A short lock (tests) makes a killed worker's job come back within seconds.
    @Processor(QUEUES.archive, {
      concurrency: 1,
      lockDuration: config.archive.lockMs,
      stalledInterval: config.archive.stalledIntervalMs,
      // BullMQ fails a job once its stall count goes past this: one killed worker is recovered from, a job
      // whose worker is killed a second time (likely the job itself, e.g. out of memory) is failed.
      maxStalledCount: 1,
    })
    class ConfiguredArchiveProcessor extends ArchiveProcessor {}

    return {
      module: ArchiveModule,
      imports: [BullModule.registerQueue({ name: QUEUES.archive }), TranscribeModule.forRoot(config)],
      providers: [ArchiveService, RecordingStatusPublisher, ConfiguredArchiveProcessor, ArchiveReconciler],
    };
  }
}
