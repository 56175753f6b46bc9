import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppEvents } from '../common/app-events';
import { WebcastFloorService } from './webcast-floor.service';
import { WebcastRecordingService } from './webcast-recording.service';

/** Plugs the webcast into the panel's life (AppEvents): start/end (room and recording) and every change of speaker. */
@Injectable()
export class WebcastListeners implements OnModuleInit {
  constructor(
    private readonly events: AppEvents,
    private readonly recordings: WebcastRecordingService,
    private readonly floor: WebcastFloorService,
  ) {}

  onModuleInit(): void {
    this.events.on('panel:changed', 'webcast', ({ change, what }) => {
      const panelId = change.panel.id;
      if (what === 'start') return [() => this.recordings.panelStarted(panelId)];
      if (what === 'end') return [() => this.recordings.panelEnded(panelId)];
    });
    this.events.on('floor:speaker', 'webcast', (change) => this.floor.speakerChanged(change));
  }
}
