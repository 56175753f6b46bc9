import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@rostrum/contracts';
import { PublicRecordingsController } from './public-recordings.controller';
import { RecordingStatusPublisher } from './recording-status.publisher';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';
import { TranscriptsService } from './transcripts.service';

/**
 * The archive's REST side: staff and public routes, import and reprocess (which queue archive jobs for the
 * worker). Exports the archive queue for whoever else queues archive jobs (the LiveKit webhook).
 */
@Module({
  imports: [
    // Connection and prefix from BullModule.forRoot (queueRootOptions), as every queue of the app.
    BullModule.registerQueue({ name: QUEUES.archive }),
  ],
  controllers: [RecordingsController, PublicRecordingsController],
  providers: [RecordingsService, TranscriptsService, RecordingStatusPublisher],
  exports: [BullModule, RecordingStatusPublisher],
})
export class RecordingsModule {}
