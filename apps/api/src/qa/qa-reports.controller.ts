import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Allow, PANEL_MODERATOR } from '../auth/auth.decorators';
import { ListQueryDto, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import { csvDownload } from '../common/file-names';
import { QaReportsService } from './qa-reports.service';

@ApiTags('qa')
@ApiBearerAuth()
@Controller('panels/:id')
export class QaReportsController {
  constructor(private readonly reports: QaReportsService) {}

  @Get('questions')
  @Allow('staff', PANEL_MODERATOR)
  @ApiOperation({ summary: 'Every question of the panel, in all states, by votes then age' })
  @ApiOkResponse({
    description:
      '[{id, panelId, text, status, votes, author: {id, name}, delegation | null, addressedTo: {id, name} | null, answer, createdAt, answeredAt}]; ' +
      'at most `limit` (default 100, max 500) from `offset`, the whole count in X-Total-Count (the CSV is always whole)',
  })
  async questions(
    @Param('id', UuidPipe) id: string,
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.reports.list(id, query));
  }

  @Get('questions.csv')
  @Allow('staff', PANEL_MODERATOR)
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The same questions as CSV (UTF-8 with BOM, RFC 4180 quoting)',
    description:
      'Columns: id, askedAt, author, delegation, delegationCode, addressedTo, text, status, votes, answer, ' +
      'answeredBy, approvedAt, answeredAt. Text cells starting with =, +, -, @, a tab or a carriage return ' +
      'get a leading apostrophe so spreadsheets do not run them as formulas.',
  })
  @ApiOkResponse({ description: 'text/csv; charset=utf-8, as an attachment' })
  async questionsCsv(@Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    return csvDownload(await this.reports.csv(id));
  }
}
