import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { QUEUES } from '@rostrum/contracts';
import { PublicRecordingsController } from './public-recordings.controller';
import { RecordingStatusPublisher } from './recording-status.publisher';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';

/**
 * The archive's REST side: staff and public routes, import and reprocess (which queue archive jobs for the
 * worker). Exports the archive queue for whoever else queues archive jobs (the LiveKit webhook).
 */
@Module({
  imports: [
    BullModule.registerQueueAsync({
      name: QUEUES.archive,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: `${config.redisPrefix}:bull`,
      }),
    }),
  ],
  controllers: [RecordingsController, PublicRecordingsController],
  providers: [RecordingsService, RecordingStatusPublisher],
  exports: [BullModule, RecordingStatusPublisher],
})
export class RecordingsModule {}
