import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DELEGATION_KINDS, DelegationKind } from '@rostrum/contracts';

export const DELEGATION_CODE = /^[A-Z0-9-]{2,16}$/;
/** Member states are named by their ISO 3166-1 alpha-3 code. */
export const MEMBER_STATE_CODE = /^[A-Z]{3}$/;

export class CreateDelegationDto {
  @ApiProperty({ example: 'Brazil' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: DELEGATION_KINDS })
  @IsIn(DELEGATION_KINDS, { message: `kind must be one of ${DELEGATION_KINDS.join(', ')}` })
  kind: DelegationKind;

  @ApiProperty({
    example: 'BRA',
    description: 'ISO 3166-1 alpha-3 for member states; a short acronym for observers',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(DELEGATION_CODE, { message: 'code must be 2-16 letters, digits or -' })
  code: string;

  @ApiPropertyOptional({
    example: 'GRULAC',
    nullable: true,
    description: "One of an event's groups, or free text",
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value))
  @IsString()
  @MaxLength(200)
  region?: string | null;
}

/** Any of a delegation's fields (region null clears it). */
export class UpdateDelegationDto extends PartialType(CreateDelegationDto) {}
