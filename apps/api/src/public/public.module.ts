import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { FloorModule } from '../floor/floor.module';
import { PublicPanelsController } from './public-panels.controller';
import { PublicController } from './public.controller';

@Module({ imports: [EventsModule, FloorModule], controllers: [PublicController, PublicPanelsController] })
export class PublicModule {}
