import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DelegationView } from '@rostrum/contracts';
import { DelegationEntity } from '@rostrum/database';
import { Allow } from '../auth/auth.decorators';
import { AppError } from '../common/app-error';
import { ApiPaged, ListQueryDto, sendPage } from '../common/list-query';
import { CreateDelegationDto } from './dto/create-delegation.dto';

export const toDelegationView = (d: DelegationEntity): DelegationView => ({
  id: d.id,
  name: d.name,
  kind: d.kind,
  code: d.code,
});

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Post()
  @Allow('staff')
  @ApiOperation({
    summary: 'Add a member-state delegation (ISO 3166-1 alpha-3 code) or an observer organisation',
  })
  async create(@Body() dto: CreateDelegationDto): Promise<DelegationView> {
    if (dto.kind === 'member_state' && !/^[A-Z]{3}$/.test(dto.code)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'code must be an ISO 3166-1 alpha-3 code (three letters) for a member state',
      );
    }
    const repo = this.db.getRepository(DelegationEntity);
    if (await repo.existsBy({ code: dto.code }))
      throw new AppError('CONFLICT', `A delegation with code ${dto.code} exists`);
    return toDelegationView(await repo.save(repo.create(dto)));
  }

  @Get()
  @ApiOperation({ summary: 'Delegations, by name' })
  @ApiPaged('DelegationView[]')
  async list(
    @Query() { limit, offset }: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DelegationView[]> {
    const [rows, total] = await this.db
      .getRepository(DelegationEntity)
      .findAndCount({ order: { name: 'ASC', id: 'ASC' }, skip: offset, take: limit });
    return sendPage(res, { items: rows.map(toDelegationView), total });
  }
}
