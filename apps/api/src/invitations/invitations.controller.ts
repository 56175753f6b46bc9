import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CreatedInvitation, InvitationLookup, InvitationView } from '@rostrum/contracts';
import { AuthLimitsService } from '../auth/auth-limits.service';
import { clientAddress } from '../auth/auth.controller';
import { Allow, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiPaged, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import {
  CreateInvitationDto,
  InvitationLookupDto,
  InvitationsQueryDto,
  ResendInvitationDto,
} from './dto/create-invitation.dto';
import { InvitationsService } from './invitations.service';

/** Staff and admins manage every invitation; a delegate only as a focal point (checked by the service). */
@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly limits: AuthLimitsService,
  ) {}

  @Post()
  @Allow('staff', 'delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Invite someone for a role (delegates: for an event and a delegation); the code is shown only in this answer (stored hashed). Focal points: delegates of their delegation and event, within the quota (409 QUOTA_EXCEEDED)',
  })
  create(@Body() dto: CreateInvitationDto, @CurrentUser() user: AuthUser): Promise<CreatedInvitation> {
    return this.invitations.create(dto, user);
  }

  @Get()
  @Allow('staff', 'delegate')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Invitations, newest first, never with their code (focal points: their delegation's)",
  })
  @ApiPaged('InvitationView[]')
  async list(
    @Query() query: InvitationsQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InvitationView[]> {
    return sendPage(res, await this.invitations.list(query, user));
  }

  @Post(':id/resend')
  @Allow('staff', 'delegate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new code and expiry (the old code stops working); the mail is queued again' })
  resend(
    @Param('id', UuidPipe) id: string,
    @Body() dto: ResendInvitationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CreatedInvitation> {
    return this.invitations.resend(id, dto, user);
  }

  @Post(':id/revoke')
  @Allow('staff', 'delegate')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw an invitation; redeeming it then answers 410 INVITATION_REVOKED' })
  async revoke(@Param('id', UuidPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.invitations.revoke(id, user);
  }

  /**
   * What an invitation link is for, so the registration page can say so before anyone types a password.
   * Whoever holds the code may redeem it, so showing them its role, event, delegation, name and email tells
   * nothing new; look-ups count towards the registration limit (10 a minute per address), which keeps
   * guessing useless. A POST, so the code travels in the body: never in a URL that logs, proxies or
   * histories keep.
   */
  @Post('lookup')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({
    description:
      '{role, event, delegation, email, name, language, focalPoint, expiresAt, status: "pending" | "used" | "expired" | "revoked"}; an unknown code → 404',
  })
  @ApiOperation({ summary: 'What an invitation code is for (no sign-in; rate limited with registration)' })
  async lookup(@Body() query: InvitationLookupDto, @Req() req: Request): Promise<InvitationLookup> {
    await this.limits.takeSignUp(clientAddress(req));
    return this.invitations.lookup(query.code);
  }
}
