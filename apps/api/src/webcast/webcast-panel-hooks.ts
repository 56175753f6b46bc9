import { Injectable, OnModuleInit } from '@nestjs/common';
import { PanelHooks } from '../panels/panel-hooks';
import { WebcastFloorService } from './webcast-floor.service';
import { WebcastRecordingService } from './webcast-recording.service';

/** Plugs the webcast into the panel's life: start/end (room and recording) and every change of speaker. */
@Injectable()
export class WebcastPanelHooks implements OnModuleInit {
  constructor(
    private readonly hooks: PanelHooks,
    private readonly recordings: WebcastRecordingService,
    private readonly floor: WebcastFloorService,
  ) {}

  onModuleInit(): void {
    this.hooks.onCommitted((panel, change) =>
      change === 'start' ? this.recordings.panelStarted(panel.id) : this.recordings.panelEnded(panel.id),
    );
    this.hooks.onSpeakerChanged((change) => this.floor.speakerChanged(change));
  }
}
