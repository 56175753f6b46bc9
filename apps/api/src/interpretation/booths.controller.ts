import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { UuidPipe } from '../common/validation';
import { BoothsService } from './booths.service';
import { PutBoothDto } from './dto/booth.dto';

@ApiTags('interpretation')
@ApiBearerAuth()
@Controller('events/:id/booths')
export class BoothsController {
  constructor(private readonly booths: BoothsService) {}

  @Get()
  @ApiOperation({ summary: "The event's booths: each of its languages with its interpreters" })
  list(@Param('id', UuidPipe) id: string) {
    return this.booths.list(id);
  }

  @Put(':language')
  @Allow('staff')
  @ApiOperation({
    summary:
      "Set a booth's interpreters (the language must be one of the event's; users with the interpreter role)",
  })
  put(@Param('id', UuidPipe) id: string, @Param('language') language: string, @Body() dto: PutBoothDto) {
    return this.booths.put(id, language, dto.interpreterIds);
  }
}
