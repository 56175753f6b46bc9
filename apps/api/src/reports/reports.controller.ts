import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { SessionReport } from '@rostrum/contracts';
import { Allow, PANEL_MODERATOR } from '../auth/auth.decorators';
import { csvDownload } from '../common/file-names';
import { UuidPipe } from '../common/validation';
import { ReportQueryDto } from './dto/report-query.dto';
import { ReportsService } from './reports.service';

const REPORT_SHAPE =
  '{panelId, speaking: {byDelegation: [{delegationId, code, name, region, interventions, spokenSeconds, share}], ' +
  'byRegion: [{region, interventions, spokenSeconds, share}], byKind: [{kind, interventions, spokenSeconds}], ' +
  'firstTimeSpeakers}, waits: {count, p50Seconds, p90Seconds, maxSeconds}, questions: {asked, approved, answered, ' +
  'dismissed}, attendance: {peak: {at, delegates, public, total}, uniqueDelegates, uniqueDelegations, ' +
  'timeline: [{minute, moderators, panelists, delegates, public}]}}; with format=csv the byDelegation rows as CSV';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('panels/:id/report')
  @Allow('staff', PANEL_MODERATOR)
  @ApiOperation({ summary: "A panel's report: speaking time, waits, questions, attendance" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: REPORT_SHAPE })
  async panel(
    @Param('id', UuidPipe) id: string,
    @Query() { format }: ReportQueryDto,
  ): Promise<SessionReport | StreamableFile> {
    return format === 'csv' ? csvDownload(await this.reports.panelCsv(id)) : this.reports.panelReport(id);
  }

  @Get('events/:id/report')
  @Allow('staff')
  @ApiOperation({ summary: "An event's report: the same over all its panels" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: `${REPORT_SHAPE} (panelId null, eventId set)` })
  async event(
    @Param('id', UuidPipe) id: string,
    @Query() { format }: ReportQueryDto,
  ): Promise<SessionReport | StreamableFile> {
    return format === 'csv' ? csvDownload(await this.reports.eventCsv(id)) : this.reports.eventReport(id);
  }
}
