import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { INVITABLE_ROLES, InvitableRole, MAIL_LANGUAGES, MailLanguage } from '@rostrum/contracts';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value);
const emptyAsMissing = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
export const YES = ['true', 'yes', '1', 'x'];
export const NO = ['false', 'no', '0'];

/**
 * One line of `name,email,role,delegation_code,language,focal_point` (cells already trimmed). Names are
 * taken in any script, as written; what the single-item route checks, this checks.
 */
export class InvitationImportRowDto {
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;

  @Transform(lower)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @Transform(lower)
  @IsIn(INVITABLE_ROLES, { message: `role must be one of ${INVITABLE_ROLES.join(', ')}` })
  role: InvitableRole;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsString()
  delegationCode: string;

  @Transform(emptyAsMissing)
  @Transform(lower)
  @IsOptional()
  @IsIn(MAIL_LANGUAGES, { message: `language must be one of ${MAIL_LANGUAGES.join(', ')} (or empty)` })
  language?: MailLanguage;

  @Transform(emptyAsMissing)
  @Transform(lower)
  @IsOptional()
  @IsIn([...YES, ...NO], { message: 'focal_point must be yes or no (or empty)' })
  focalPoint?: string;
}

/** Report field names are the file's column names. */
export const IMPORT_FIELD_NAMES = { delegationCode: 'delegation_code', focalPoint: 'focal_point' };
