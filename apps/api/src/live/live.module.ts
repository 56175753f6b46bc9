import { Global, Module } from '@nestjs/common';
import { FloodCoolOffService } from './flood-cool-off.service';
import { LiveGateway } from './live.gateway';
import { LivePublisher } from './live-publisher';
import { PanelRoomsService } from './panel-rooms.service';
import { PresenceService } from './presence.service';
import { UserSocketsService } from './user-sockets.service';

/**
 * The /live socket namespace and what every feature on it shares: connection auth and limits, panel rooms
 * and presence, the publisher. Features add gateways of their own, declaring commands with `@LiveCommand`
 * (its guard, interceptor and filter are instantiated where it is used).
 */
@Global()
@Module({
  providers: [
    LiveGateway,
    LivePublisher,
    PanelRoomsService,
    PresenceService,
    FloodCoolOffService,
    UserSocketsService,
  ],
  exports: [LivePublisher, PresenceService],
})
export class LiveModule {}
