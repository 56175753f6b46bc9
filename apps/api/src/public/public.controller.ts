import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { EventsService } from '../events/events.service';

/** Routes anyone may call, without signing in. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicController {
  constructor(private readonly eventsService: EventsService) {}

  @Get('events')
  @ApiOperation({
    summary: 'The programme: events with their panels (title, theme, guiding questions, slot, status)',
  })
  events() {
    return this.eventsService.listPublic();
  }
}
