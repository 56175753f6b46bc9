import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DelegationEntity, InvitationEntity } from '@rostrum/database';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { notFound, validationFailed } from '../common/app-error';
import { CreateInvitationDto } from './dto/create-invitation.dto';

const DEFAULT_EXPIRY_DAYS = 14;

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Post()
  @Allow('staff')
  @ApiOperation({
    summary: 'Invite someone for a role (delegates: for a delegation); the code is redeemed once',
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
    const saved = await repo.save(
      repo.create({
        code: randomBytes(18).toString('base64url'),
        role: dto.role,
        delegationId: dto.delegationId ?? null,
        email: dto.email ?? null,
        expiresAt: new Date(Date.now() + days * 24 * 3600 * 1000),
        createdById: user.id,
      }),
    );
    return {
      id: saved.id,
      code: saved.code,
      role: saved.role,
      delegationId: saved.delegationId,
      email: saved.email,
      expiresAt: saved.expiresAt.toISOString(),
    };
  }
}
