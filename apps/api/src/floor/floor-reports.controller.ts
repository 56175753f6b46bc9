import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, PANEL_MODERATOR } from '../auth/auth.decorators';
import { UuidPipe } from '../common/validation';
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
      '[{seq, panelId, at, actor: {id, name, role} | null, action, interventionId, questionId, detail, prevHash, hash}]',
  })
  floorLog(@Param('id', UuidPipe) id: string) {
    return this.reports.floorLog(id);
  }

  @Get('speaking-stats')
  @Allow('staff', PANEL_MODERATOR)
  @ApiOperation({ summary: 'Per delegation: finished speeches and spoken seconds' })
  @ApiOkResponse({ description: '[{delegationId, name, interventions, spokenSeconds}], by delegation name' })
  speakingStats(@Param('id', UuidPipe) id: string) {
    return this.reports.speakingStats(id);
  }
}
