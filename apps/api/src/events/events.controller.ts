import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { ApiPaged, ListQueryDto, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import { CreateEventDto, UpdateEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @Allow('staff')
  @ApiOperation({ summary: 'Create an event (one session of the Conversation)' })
  create(@Body() dto: CreateEventDto) {
    return this.events.create(dto);
  }

  @Patch(':id')
  @Allow('staff')
  @ApiOperation({
    summary:
      'Change an event (title, description, dates, languages, translations, time zone, delegate quota, groups)',
  })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateEventDto) {
    return this.events.update(id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Events with their panels, by start' })
  @ApiPaged('EventView[]')
  async list(@Query() query: ListQueryDto, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.events.list(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event with its panels' })
  get(@Param('id', UuidPipe) id: string) {
    return this.events.get(id);
  }
}
