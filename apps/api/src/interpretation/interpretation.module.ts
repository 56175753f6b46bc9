import { Module } from '@nestjs/common';
import { BoothsController } from './booths.controller';
import { BoothsService } from './booths.service';

/** Simultaneous interpretation: booths and their interpreters (the live booth commands come later). */
@Module({ controllers: [BoothsController], providers: [BoothsService], exports: [BoothsService] })
export class InterpretationModule {}
