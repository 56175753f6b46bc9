import { BullModule, Processor, QueueEventsListener } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@rostrum/config';
import { QUEUES } from '@rostrum/contracts';
import { ArchiveFailureListener } from './archive-failure.listener';
import { ArchiveProcessor } from './archive.processor';
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
      maxStalledCount: 2,
    })
    class ConfiguredArchiveProcessor extends ArchiveProcessor {}

    @QueueEventsListener(QUEUES.archive)
    class ConfiguredArchiveFailureListener extends ArchiveFailureListener {}

    return {
      module: ArchiveModule,
      imports: [BullModule.registerQueue({ name: QUEUES.archive })],
      providers: [
        ArchiveService,
        RecordingStatusPublisher,
        ConfiguredArchiveProcessor,
        ConfiguredArchiveFailureListener,
      ],
    };
  }
}
