import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { UuidPipe } from '../common/validation';
import { CreateEventDto } from './dto/event.dto';
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

  @Get()
  @ApiOperation({ summary: 'All events with their panels' })
  list() {
    return this.events.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event with its panels' })
  get(@Param('id', UuidPipe) id: string) {
    return this.events.get(id);
  }
}
