import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { FloorModule } from '../floor/floor.module';
import { PublicPanelsController } from './public-panels.controller';
import { PublicController } from './public.controller';
import { WebcastModule } from '../webcast/webcast.module';

@Module({
  imports: [EventsModule, FloorModule, WebcastModule],
  controllers: [PublicController, PublicPanelsController],
})
export class PublicModule {}
