import { Global, Module } from '@nestjs/common';
import { LiveAckFilter } from './live-ack.filter';
import { LiveAckInterceptor } from './live-ack.interceptor';
import { LiveCommandGuard } from './live-command.guard';
import { LiveGateway } from './live.gateway';
import { LivePublisher } from './live-publisher';
import { PanelJoinHooks } from './panel-join-hooks';
import { PanelRoomsService } from './panel-rooms.service';
import { PresenceService } from './presence.service';

/**
 * The /live socket namespace and what every feature on it shares: connection auth and limits, panel rooms
 * and presence, the command guard/ack machinery and the publisher. Features add gateways of their own.
 */
@Global()
@Module({
  providers: [
    LiveGateway,
    LivePublisher,
    PanelRoomsService,
    PanelJoinHooks,
    PresenceService,
    LiveCommandGuard,
    LiveAckInterceptor,
    LiveAckFilter,
  ],
  exports: [
    LivePublisher,
    PanelJoinHooks,
    PresenceService,
    LiveCommandGuard,
    LiveAckInterceptor,
    LiveAckFilter,
  ],
})
export class LiveModule {}
