import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, PANEL_MODERATOR } from '../auth/auth.decorators';
import { ListQueryDto, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import { csvDownload } from '../common/file-names';
import { FloorReportsService } from './floor-reports.service';

@ApiTags('floor')
@ApiBearerAuth()
@Controller('panels/:id')
export class FloorReportsController {
  constructor(private readonly reports: FloorReportsService) {}

  @Get('floor-log')
  @Allow('staff', PANEL_MODERATOR)
  @ApiOperation({
    summary: 'The floor log in order: every action on the floor and Q&A with actor, time and before/after',
  })
  @ApiOkResponse({
    description:
      '[{seq, panelId, at, actor: {id, name, role} | null, action, interventionId, questionId, detail, prevHash, hash}]; ' +
      'at most `limit` (default 100, max 500) from `offset`, the whole count in X-Total-Count',
  })
  async floorLog(
    @Param('id', UuidPipe) id: string,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.reports.floorLog(id, query));
  }

  @Get('floor-log.csv')
  @Allow('staff', PANEL_MODERATOR)
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The whole floor log as CSV (UTF-8 with BOM)',
    description:
      'Columns: seq, at, actor, actorRole, action, interventionId, questionId, detail (JSON), hash.',
  })
  @ApiOkResponse({ description: 'text/csv; charset=utf-8, as an attachment' })
  async floorLogCsv(@Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    return csvDownload(await this.reports.floorLogCsv(id));
  }

  @Get('speaking-stats')
  @Allow('staff', PANEL_MODERATOR)
  @ApiOperation({ summary: 'Per delegation: finished speeches and spoken seconds' })
  @ApiOkResponse({
    description:
      '[{delegationId, name, interventions, spokenSeconds}], by delegation name; `limit`/`offset`, X-Total-Count',
  })
  async speakingStats(
    @Param('id', UuidPipe) id: string,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.reports.speakingStats(id, query));
  }

  /** What a right of reply may answer: the panel's speeches, for anyone signed in who sees the panel. */
  @Get('speeches')
  @ApiOperation({ summary: 'The panel’s speeches so far (speaking or done), oldest first' })
  @ApiOkResponse({ description: 'Intervention[] (notes left out); `limit`/`offset`, X-Total-Count' })
  async speeches(
    @Param('id', UuidPipe) id: string,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.reports.speeches(id, query));
  }
}
