import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PanelEntity } from '@rostrum/database';
import { Public } from '../auth/auth.decorators';
import { notFound } from '../common/app-error';
import { UuidPipe } from '../common/validation';
import { FloorSnapshotsService, toPublicSnapshot } from '../floor/panel-state';
import { toPublicPanelView } from '../panels/panel-view';
import { WebcastService } from '../webcast/webcast.service';
import { PublicRead, PublicRoute } from './public-limits';

/** A panel as the public watch page needs it: details, who speaks and who waits, and the webcast. */
@ApiTags('public')
@Public()
@PublicRoute()
@Controller('public/panels')
export class PublicPanelsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly snapshots: FloorSnapshotsService,
    private readonly webcast: WebcastService,
  ) {}

  @Get(':id')
  @PublicRead()
  @ApiOperation({ summary: 'A panel, its public floor snapshot and its webcast' })
  @ApiOkResponse({
    description:
      '{panel, snapshot: PanelSnapshot (no notes), webcast: {live, hlsUrl, hls: [{language, url}]}}',
  })
  async get(@Param('id', UuidPipe) id: string) {
    const panel = await this.db
      .getRepository(PanelEntity)
      .findOne({ where: { id }, relations: { moderators: true, panelists: true } });
    if (!panel) throw notFound('Panel');
    const snapshot = toPublicSnapshot(await this.snapshots.current(id));
    return {
      panel: toPublicPanelView(panel),
      snapshot,
      webcast: await this.webcast.publicInfo(panel),
    };
  }
}
