import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUser, PANEL_MODERATOR } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { UuidPipe } from '../common/validation';
import { CreatePanelDto, UpdatePanelDto } from './dto/panel.dto';
import { PanelsService } from './panels.service';

@ApiTags('panels')
@ApiBearerAuth()
@Controller()
export class PanelsController {
  constructor(private readonly panels: PanelsService) {}

  @Post('events/:eventId/panels')
  @Allow('staff')
  @ApiOperation({ summary: 'Add a themed panel to an event, with its moderators, panelists and settings' })
  create(@Param('eventId', UuidPipe) eventId: string, @Body() dto: CreatePanelDto) {
    return this.panels.create(eventId, dto);
  }

  @Get('panels/:id')
  @ApiOperation({ summary: 'One panel' })
  get(@Param('id', UuidPipe) id: string) {
    return this.panels.get(id);
  }

  @Patch('panels/:id')
  @Allow('staff', PANEL_MODERATOR)
  @ApiOperation({
    summary: 'Edit a panel; settings are merged over the current ones',
    description:
      "The panel's moderators may change its title, theme, description, guiding questions and settings; " +
      'moderatorIds, panelistIds, startsAt and endsAt are for staff and admins (403 FORBIDDEN otherwise).',
  })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdatePanelDto, @CurrentUser() user: AuthUser) {
    return this.panels.update(id, dto, user);
  }

  @Post('panels/:id/start')
  @HttpCode(200)
  @Allow(PANEL_MODERATOR)
  @ApiOperation({
    summary: 'Go live: opens the queue (and the webcast room and recording when LiveKit is configured)',
  })
  start(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.panels.start(id, user);
  }

  @Post('panels/:id/end')
  @HttpCode(200)
  @Allow(PANEL_MODERATOR)
  @ApiOperation({ summary: 'End the panel: ends any speech, closes the queue, stops the recording' })
  end(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.panels.end(id, user);
  }
}
