import { Module } from '@nestjs/common';
import { LiveCaptionsService } from './live-captions.service';

/** Live captions of live panels from their HLS segments; imported only with LIVE_CAPTIONS and WEBCAST_HLS. */
@Module({ providers: [LiveCaptionsService] })
export class LiveCaptionsModule {}
