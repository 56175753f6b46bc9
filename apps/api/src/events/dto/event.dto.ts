import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DEFAULT_DELEGATE_QUOTA, EVENT_TRANSLATED_FIELDS, Translations } from '@rostrum/contracts';
import { Trim } from '../../common/dto-helpers';
import { TranslationsProperty } from '../../common/translations-dto';
import { IsTimeZone } from '../time-zone';

export const ISO_DATE = { strict: true, strictSeparator: true } as const;
export const ISO_DATE_MESSAGE = (field: string) => ({ message: `${field} must be an ISO 8601 date-time` });

export class CreateEventDto {
  @ApiProperty({ example: 'WIPO Conversation on IP and AI — Third Session' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiProperty({ example: '2026-11-04T09:00:00Z' })
  @IsISO8601(ISO_DATE, ISO_DATE_MESSAGE('startsAt'))
  startsAt: string;

  @ApiProperty({ example: '2026-11-04T17:00:00Z' })
  @IsISO8601(ISO_DATE, ISO_DATE_MESSAGE('endsAt'))
  endsAt: string;

  @ApiPropertyOptional({ example: ['en', 'fr', 'zh'], description: 'BCP 47 language tags' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    each: true,
    message: 'languages must be language tags like en, fr, zh',
  })
  languages?: string[];

  @TranslationsProperty(EVENT_TRANSLATED_FIELDS)
  translations?: Translations;

  @ApiPropertyOptional({ example: 'Europe/Zurich', default: 'UTC', description: 'IANA time zone' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    default: DEFAULT_DELEGATE_QUOTA,
    nullable: true,
    description: 'Accredited + pending delegates per delegation; null = no limit',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInt({ message: 'delegateQuota must be a whole number or null' })
  @Min(0, { message: 'delegateQuota must not be negative' })
  @Max(10_000)
  delegateQuota?: number | null;

  @ApiPropertyOptional({ example: ['Africa Group', 'GRULAC', 'Group B'], description: 'Regional groups' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  groups?: string[];
}

/** Any of the event's fields; the others stay as they are. */
export class UpdateEventDto extends PartialType(CreateEventDto) {}
