import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { PublicController } from './public.controller';

@Module({ imports: [EventsModule], controllers: [PublicController] })
export class PublicModule {}
