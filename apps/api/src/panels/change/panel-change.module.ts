import { Global, Module } from '@nestjs/common';
import { AppEvents } from '../../common/app-events';
import { PanelChanges } from './panel-changes';

/** The change path and the event map, for every feature module (see docs/architecture.md, "The change path"). */
@Global()
@Module({
  providers: [PanelChanges, AppEvents],
  exports: [PanelChanges, AppEvents],
})
export class PanelChangeModule {}
