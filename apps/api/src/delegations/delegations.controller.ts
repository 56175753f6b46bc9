import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DelegationDetails, ImportReport } from '@rostrum/contracts';
import { Allow } from '../auth/auth.decorators';
import { booleanFlag } from '../common/csv-import';
import { ApiPaged, ListQueryDto, sendPage } from '../common/list-query';
import { UuidPipe } from '../common/validation';
import { DelegationsService } from './delegations.service';
import { CreateDelegationDto, UpdateDelegationDto } from './dto/create-delegation.dto';

@ApiTags('delegations')
@ApiBearerAuth()
@Controller('delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Post()
  @Allow('staff')
  @ApiOperation({
    summary: 'Add a member-state delegation (ISO 3166-1 alpha-3 code) or an observer organisation',
  })
  create(@Body() dto: CreateDelegationDto): Promise<DelegationDetails> {
    return this.delegations.create(dto);
  }

  @Post('import')
  @Allow('staff')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'CSV with the header name,kind,code,region (UTF-8, comma or semicolon)' })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiOperation({
    summary:
      'Create or update delegations from a CSV (existing codes are updated); any bad row → nothing changes (400 with the report; a dry run answers it with 200)',
  })
  import(@Body() body: unknown, @Query('dryRun') dryRun?: string): Promise<ImportReport> {
    return this.delegations.import(body, booleanFlag('dryRun', dryRun));
  }

  @Patch(':id')
  @Allow('staff')
  @ApiOperation({ summary: "Change a delegation's name, kind, code or region" })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateDelegationDto): Promise<DelegationDetails> {
    return this.delegations.update(id, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Delegations, by name' })
  @ApiPaged('DelegationDetails[]')
  async list(
    @Query() query: ListQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DelegationDetails[]> {
    return sendPage(res, await this.delegations.list(query));
  }
}
