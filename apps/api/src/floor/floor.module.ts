import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@rostrum/contracts';
import { FloorListeners } from './floor-listeners';
import { FloorReportsController } from './floor-reports.controller';
import { FloorRequestsService } from './floor-requests.service';
import { FloorReportsService } from './floor-reports.service';
import { FloorSnapshotsService, PanelStateBroadcaster } from './panel-state';
import { FloorTimeUpProcessor } from './floor-timeup.processor';
import { FloorTimeUpSweeper } from './floor-timeup.sweeper';
import { FloorTimersService } from './floor-timers.service';
import { FloorGateway } from './floor.gateway';
import { FloorService } from './floor.service';
import { OnDeckNotifier } from './on-deck.notifier';

/** The speaking queue: socket commands, the clock and its time-up jobs, the panel's floor snapshot. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.floorTimers })],
  controllers: [FloorReportsController],
  providers: [
    FloorGateway,
    FloorService,
    FloorRequestsService,
    FloorSnapshotsService,
    PanelStateBroadcaster,
    FloorTimersService,
    FloorTimeUpProcessor,
    FloorTimeUpSweeper,
    FloorListeners,
    FloorReportsService,
    OnDeckNotifier,
  ],
  exports: [FloorSnapshotsService, FloorService],
})
export class FloorModule {}
