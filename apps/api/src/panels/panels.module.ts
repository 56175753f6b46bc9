import { Global, Module } from '@nestjs/common';
import { PanelAccessService } from './panel-access.service';
import { PanelHooks } from './panel-hooks';
import { PanelsController } from './panels.controller';
import { PanelsService } from './panels.service';

@Global()
@Module({
  controllers: [PanelsController],
  providers: [PanelsService, PanelAccessService, PanelHooks],
  exports: [PanelsService, PanelAccessService, PanelHooks],
})
export class PanelsModule {}
