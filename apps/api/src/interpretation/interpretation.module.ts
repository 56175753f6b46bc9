import { Module } from '@nestjs/common';
import { BoothLiveService } from './booth-live.service';
import { BoothStatePublisher } from './booth-state.publisher';
import { BoothGateway } from './booth.gateway';
import { BoothsController } from './booths.controller';
import { BoothsService } from './booths.service';

/** Simultaneous interpretation: booths and their interpreters, and who speaks in each booth during a panel. */
@Module({
  controllers: [BoothsController],
  providers: [BoothsService, BoothLiveService, BoothStatePublisher, BoothGateway],
  exports: [BoothsService],
})
export class InterpretationModule {}
