import { Module } from '@nestjs/common';
import { RecordingsModule } from '../recordings/recordings.module';
import { LiveKitWebhookController } from './livekit-webhook.controller';
import { LiveKitWebhookService } from './livekit-webhook.service';
import { LiveKitService } from './livekit.service';
import { WebcastController } from './webcast.controller';
import { WebcastBoothsService } from './webcast-booths.service';
import { WebcastFloorService } from './webcast-floor.service';
import { WebcastHlsController } from './webcast-hls.controller';
import { WebcastHlsService } from './webcast-hls.service';
import { WebcastPresenceService } from './webcast-presence.service';
import { webcastQueues } from './webcast-queues';
import { WebcastReconciler } from './webcast-reconciler.service';
import { WebcastRecordingService } from './webcast-recording.service';
import { WebcastService } from './webcast.service';
import { WebcastSyncProcessor } from './webcast-sync.processor';

/**
 * The live webcast on LiveKit: join tokens by role, publish rights that follow the floor, the room and its
 * recording with the panel, LiveKit's webhooks, the reconciler, and the HLS stream for large audiences.
 * With LIVEKIT_* unset it stays out of the way: token routes answer 503 WEBCAST_DISABLED, hooks do nothing.
 */
@Module({
  imports: [webcastQueues, RecordingsModule],
  controllers: [WebcastController, WebcastHlsController, LiveKitWebhookController],
  providers: [
    LiveKitService,
    WebcastService,
    WebcastFloorService,
    WebcastBoothsService,
    WebcastRecordingService,
    WebcastPresenceService,
    WebcastHlsService,
    LiveKitWebhookService,
    WebcastReconciler,
    WebcastSyncProcessor,
  ],
  exports: [WebcastService, WebcastPresenceService, WebcastRecordingService],
})
export class WebcastModule {}
