import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserView } from '@rostrum/contracts';
import { DelegationEntity, UserEntity } from '@rostrum/database';
import { Allow, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { SessionService } from '../auth/session.service';
import { AppError, notFound, validationFailed } from '../common/app-error';
import { UuidPipe } from '../common/validation';
import { UpdateUserDto } from './dto/update-user.dto';
import { toUserView } from './user-view';

/** An admin changing an account: its role, delegation, or whether it may sign in at all. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UserAccountsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
  ) {}

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    summary:
      "Change a user's role, delegation or active flag (admin); a change of role or delegation, or deactivation, revokes the user's tokens (open sockets close within 5 s)",
  })
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() admin: AuthUser,
  ): Promise<UserView> {
    if (id === admin.id && (dto.active === false || (dto.role && dto.role !== 'admin'))) {
      throw new AppError(
        'FORBIDDEN',
        'You cannot deactivate your own account or give up your own admin role',
      );
    }
    return this.db.transaction(async (tx) => {
      const users = tx.getRepository(UserEntity);
      const user = await users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User');
      const role = dto.role ?? user.role;
      const delegationId =
        dto.delegationId !== undefined ? dto.delegationId : role === 'delegate' ? user.delegationId : null;
      if (role === 'delegate' && !delegationId)
        throw validationFailed('delegationId is required for delegates');
      if (role !== 'delegate' && delegationId) throw validationFailed('delegationId is only for delegates');
      if (delegationId && !(await tx.getRepository(DelegationEntity).existsBy({ id: delegationId }))) {
        throw notFound('Delegation');
      }
      const active = dto.active ?? user.active;
      // The token carries the role and delegation: a token that says otherwise must go.
      const revoke = role !== user.role || delegationId !== user.delegationId || (user.active && !active);
      await users.update(id, { role, delegationId, active });
      if (revoke) await this.sessions.revokeAll(id, tx);
      return toUserView({ ...user, role, delegationId, active });
    });
  }
}
