import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ApiPaged, ListQueryDto, sendPage } from '../common/list-query';
import { EventsService } from '../events/events.service';
import { PublicRead, PublicRoute } from './public-limits';

/** Routes anyone may call, without signing in. */
@ApiTags('public')
@Public()
@PublicRoute()
@Controller('public')
export class PublicController {
  constructor(private readonly eventsService: EventsService) {}

  @Get('events')
  @PublicRead()
  @ApiOperation({
    summary: 'The programme: events with their panels (title, theme, guiding questions, slot, status)',
  })
  @ApiPaged('Events with their public panels, by start')
  async events(@Query() query: ListQueryDto, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.eventsService.listPublic(query));
  }
}
