import { Global, Module } from '@nestjs/common';
import { PanelAccessService } from './panel-access.service';
import { PanelsController } from './panels.controller';
import { PanelsService } from './panels.service';

@Global()
@Module({
  controllers: [PanelsController],
  providers: [PanelsService, PanelAccessService],
  exports: [PanelsService, PanelAccessService],
})
export class PanelsModule {}
