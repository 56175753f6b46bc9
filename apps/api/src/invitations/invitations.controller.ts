import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { InvitationLookup } from '@rostrum/contracts';
import { DelegationEntity, InvitationEntity } from '@rostrum/database';
import { AuthLimitsService } from '../auth/auth-limits.service';
import { clientAddress } from '../auth/auth.controller';
import { Allow, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { notFound, validationFailed } from '../common/app-error';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import { CreateInvitationDto, InvitationLookupDto } from './dto/create-invitation.dto';

const DEFAULT_EXPIRY_DAYS = 14;

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly limits: AuthLimitsService,
  ) {}

  @Post()
  @Allow('staff')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Invite someone for a role (delegates: for a delegation); the code is redeemed once, and shown only in this answer (stored hashed)',
  })
  async create(@Body() dto: CreateInvitationDto, @CurrentUser() user: AuthUser) {
    if (dto.role === 'delegate' && !dto.delegationId)
      throw validationFailed('delegationId is required for delegates');
    if (dto.role !== 'delegate' && dto.delegationId)
      throw validationFailed('delegationId is only for delegates');
    if (
      dto.delegationId &&
      !(await this.db.getRepository(DelegationEntity).existsBy({ id: dto.delegationId }))
    ) {
      throw notFound('Delegation');
    }
    const repo = this.db.getRepository(InvitationEntity);
    const days = dto.expiresInDays ?? DEFAULT_EXPIRY_DAYS;
    const code = newSecretToken();
    const saved = await repo.save(
      repo.create({
        codeHash: hashSecretToken(code),
        role: dto.role,
        delegationId: dto.delegationId ?? null,
        email: dto.email ?? null,
        expiresAt: new Date(Date.now() + days * 24 * 3600 * 1000),
        createdById: user.id,
      }),
    );
    return {
      id: saved.id,
      code,
      role: saved.role,
      delegationId: saved.delegationId,
      email: saved.email,
      expiresAt: saved.expiresAt.toISOString(),
    };
  }

  /**
   * What an invitation link is for, so the registration page can say so before anyone types a password.
   * Whoever holds the code may redeem it, so showing them its role, delegation and email tells nothing new;
   * look-ups count towards the registration limit (10 a minute per address), which keeps guessing useless.
   * A POST, so the code travels in the body: never in a URL that logs, proxies or histories keep.
   */
  @Post('lookup')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({
    description:
      '{role, delegation: {id, name, code} | null, email: string | null, expiresAt, status: "pending" | "used" | "expired"}; an unknown code → 404',
  })
  @ApiOperation({ summary: 'What an invitation code is for (no sign-in; rate limited with registration)' })
  async lookup(@Body() query: InvitationLookupDto, @Req() req: Request): Promise<InvitationLookup> {
    await this.limits.takeSignUp(clientAddress(req));
    const invitation = await this.db
      .getRepository(InvitationEntity)
      .findOne({ where: { codeHash: hashSecretToken(query.code) }, relations: { delegation: true } });
    if (!invitation) throw notFound('Invitation');
    const { delegation } = invitation;
    return {
      role: invitation.role,
      delegation: delegation ? { id: delegation.id, name: delegation.name, code: delegation.code } : null,
      email: invitation.email,
      expiresAt: invitation.expiresAt.toISOString(),
      status: invitation.usedAt
        ? 'used'
        : invitation.expiresAt.getTime() <= Date.now()
          ? 'expired'
          : 'pending',
    };
  }
}
