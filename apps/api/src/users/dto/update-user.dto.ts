import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { ROLES, Role } from '@rostrum/contracts';

/** What an admin may change of an account. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ nullable: true, description: 'Required for delegates; null for other roles' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'delegationId must be a UUID' })
  delegationId?: string | null;

  @ApiPropertyOptional({
    description: 'false deactivates the account: it cannot sign in, its tokens are revoked',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
