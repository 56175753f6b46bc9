import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { Brackets, DataSource } from 'typeorm';
import { UserView } from '@rostrum/contracts';
import { UserEntity } from '@rostrum/database';
import { Allow } from '../auth/auth.decorators';
import { ApiPaged, sendPage } from '../common/list-query';
import { UsersQueryDto } from './dto/users-query.dto';
import { toUserView } from './user-view';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Staff find people here to put them on panels (by name or email, role, delegation). */
  @Get()
  @Allow('staff', 'admin')
  @ApiOperation({
    summary: 'Accounts by name or email (any case), role and delegation, by name; staff and admins',
  })
  @ApiPaged('Accounts that match, by name')
  async list(@Query() query: UsersQueryDto, @Res({ passthrough: true }) res: Response): Promise<UserView[]> {
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.delegationId)
      qb.andWhere('u.delegationId = :delegationId', { delegationId: query.delegationId });
    const text = query.q?.trim();
    if (text) {
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) => w.where('u.name ILIKE :pattern', { pattern }).orWhere('u.email ILIKE :pattern')),
      );
    }
    const [users, total] = await qb
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return sendPage(res, { items: users.map(toUserView), total });
  }
}
