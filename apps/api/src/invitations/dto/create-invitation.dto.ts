import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
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
import {
  INVITABLE_ROLES,
  INVITATION_STATUSES,
  InvitableRole,
  InvitationStatus,
  MAIL_LANGUAGES,
  MailLanguage,
} from '@rostrum/contracts';
import { ListQueryDto } from '../../common/list-query';

const lowerTrim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class CreateInvitationDto {
  @ApiProperty({ enum: INVITABLE_ROLES })
  @IsIn(INVITABLE_ROLES, { message: `role must be one of ${INVITABLE_ROLES.join(', ')}` })
  role: InvitableRole;

  @ApiPropertyOptional({ description: 'The event redeeming it accredits to; required for delegates' })
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be a UUID' })
  eventId?: string;

  @ApiPropertyOptional({ description: 'Required for delegates; only for delegates' })
  @IsOptional()
  @IsUUID('all', { message: 'delegationId must be a UUID' })
  delegationId?: string;

  @ApiPropertyOptional({ description: 'When given, only this address may redeem the invitation' })
  @IsOptional()
  @Transform(lowerTrim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ description: "The invitee's name, in any script (prefills registration)" })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value))
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    enum: MAIL_LANGUAGES,
    description: "The mail's language (default: the event's first)",
  })
  @IsOptional()
  @Transform(lowerTrim)
  @IsIn(MAIL_LANGUAGES, { message: `language must be one of ${MAIL_LANGUAGES.join(', ')}` })
  language?: MailLanguage;

  @ApiPropertyOptional({
    default: false,
    description: "Delegates only: redeeming makes them their delegation's focal point",
  })
  @IsOptional()
  @IsBoolean({ message: 'focalPoint must be true or false' })
  focalPoint?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Queue the invitation mail (needs an email)' })
  @IsOptional()
  @IsBoolean({ message: 'send must be true or false' })
  send?: boolean;

  @ApiPropertyOptional({ default: 14, minimum: 1, maximum: 90, description: 'Days until the code expires' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}

export class ResendInvitationDto {
  @ApiPropertyOptional({
    default: true,
    description: 'Queue the mail again (when the invitation has an email)',
  })
  @IsOptional()
  @IsBoolean({ message: 'send must be true or false' })
  send?: boolean;

  @ApiPropertyOptional({
    default: 14,
    minimum: 1,
    maximum: 90,
    description: 'Days until the new code expires',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  expiresInDays?: number;
}

export class InvitationsQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'eventId must be a UUID' })
  eventId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'delegationId must be a UUID' })
  delegationId?: string;

  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES, { message: `status must be one of ${INVITATION_STATUSES.join(', ')}` })
  status?: InvitationStatus;
}

export class InvitationLookupDto {
  @ApiProperty({ description: 'The code from the invitation link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code: string;
}
