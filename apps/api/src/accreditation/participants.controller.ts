import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParticipantView } from '@rostrum/contracts';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiPaged, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import { AccreditDto, ParticipantsQueryDto } from './dto/participants.dto';
import { ParticipantsService } from './participants.service';

@ApiTags('accreditation')
@ApiBearerAuth()
@Controller('events/:id/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get()
  @Allow('staff', 'delegate')
  @ApiOperation({
    summary:
      "An event's people: accredited, revoked, and invited (invitations not yet redeemed), by name; a focal point sees only their delegation",
  })
  @ApiPaged('ParticipantView[]')
  async list(
    @Param('id', UuidPipe) eventId: string,
    @Query() query: ParticipantsQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ParticipantView[]> {
    return sendPage(res, await this.participants.list(eventId, query, user));
  }

  @Post()
  @Allow('staff')
  @ApiOperation({ summary: 'Accredit an existing account to the event (again after a revocation)' })
  accredit(@Param('id', UuidPipe) eventId: string, @Body() dto: AccreditDto): Promise<ParticipantView> {
    return this.participants.accredit(eventId, dto);
  }

  @Delete(':userId')
  @Allow('staff', 'delegate')
  @HttpCode(204)
  @ApiOperation({
    summary:
      "Revoke an accreditation: the person's waiting requests in the event's live panels are removed and pending questions dismissed (logged, broadcast); their floor and Q&A commands then answer NOT_ACCREDITED",
  })
  async revoke(
    @Param('id', UuidPipe) eventId: string,
    @Param('userId', UuidPipe) userId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    await this.participants.revoke(eventId, userId, user);
  }
}
