import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INVITABLE_ROLES, InvitableRole } from '@rostrum/contracts';

export class CreateInvitationDto {
  @ApiProperty({ enum: INVITABLE_ROLES })
  @IsIn(INVITABLE_ROLES, { message: `role must be one of ${INVITABLE_ROLES.join(', ')}` })
  role: InvitableRole;

  @ApiPropertyOptional({ description: 'Required for delegates; only for delegates' })
  @IsOptional()
  @IsUUID('all', { message: 'delegationId must be a UUID' })
  delegationId?: string;

  @ApiPropertyOptional({ description: 'When given, only this address may redeem the invitation' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ default: 14, minimum: 1, maximum: 90, description: 'Days until the code expires' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}

export class InvitationLookupDto {
  @ApiProperty({ description: 'The code from the invitation link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code: string;
}
