import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { DELEGATION_KINDS, DelegationKind } from '@rostrum/contracts';

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
  @Matches(/^[A-Z0-9-]{2,16}$/, { message: 'code must be 2-16 letters, digits or -' })
  code: string;
}
