import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@rostrum/contracts';
import { ListQueryDto } from '../../common/list-query';

/** `GET /api/users`: a search over accounts, one page at a time (`limit`/`offset` as every list). */
export class UsersQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name or email, any case', example: 'pereira' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  delegationId?: string;
}
