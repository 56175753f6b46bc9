import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROLES, Role, UserView } from '@rostrum/contracts';
import { UserEntity } from '@rostrum/database';
import { Allow } from '../auth/auth.decorators';
import { validationFailed } from '../common/app-error';
import { toUserView } from './user-view';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Allow('admin')
  @ApiOperation({ summary: 'Every account (admin only), optionally of one role' })
  @ApiQuery({ name: 'role', required: false, enum: ROLES })
  async list(@Query('role') role?: string): Promise<UserView[]> {
    if (role !== undefined && !ROLES.includes(role as Role))
      throw validationFailed(`role must be one of ${ROLES.join(', ')}`);
    const users = await this.db
      .getRepository(UserEntity)
      .find({ where: role ? { role: role as Role } : {}, order: { name: 'ASC' } });
    return users.map(toUserView);
  }
}
