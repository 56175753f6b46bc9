import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ORDER_POLICIES, OrderPolicy, PANEL_TRANSLATED_FIELDS, Translations } from '@rostrum/contracts';
import { Trim } from '../../common/dto-helpers';
import { TranslationsProperty } from '../../common/translations-dto';
import { ISO_DATE, ISO_DATE_MESSAGE } from '../../events/dto/event.dto';

/** Every field optional: given fields are merged over the panel's current settings (or the defaults). */
export class PanelSettingsDto {
  @ApiPropertyOptional({ default: 180 })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3600)
  speakingSeconds?: number;

  @ApiPropertyOptional({ default: 60 })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3600)
  pointOfOrderSeconds?: number;

  @ApiPropertyOptional({ default: 120 })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3600)
  rightOfReplySeconds?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  onePerDelegation?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  qaModeration?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  publicQa?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  autoEndOnTimeUp?: boolean;

  @ApiPropertyOptional({
    default: null,
    nullable: true,
    description: 'Length of the delegate-interaction window',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(60)
  @Max(24 * 3600)
  interactionWindowSeconds?: number | null;

  @ApiPropertyOptional({ enum: ORDER_POLICIES, default: 'first_come' })
  @IsOptional()
  @IsIn(ORDER_POLICIES)
  orderPolicy?: OrderPolicy;

  @ApiPropertyOptional({
    default: null,
    nullable: true,
    description: 'From then on delegates may inscribe on the list while the panel is still scheduled',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true }, { message: 'inscriptionOpensAt must be an ISO 8601 time' })
  inscriptionOpensAt?: string | null;

  @ApiPropertyOptional({ default: null, nullable: true, description: 'Speaking time per delegation' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(10)
  @Max(24 * 3600)
  delegationBudgetSeconds?: number | null;

  @ApiPropertyOptional({ default: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  rightsOfReplyPerDelegation?: number;

  @ApiPropertyOptional({ default: 300 })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3600)
  groupStatementSeconds?: number;

  @ApiPropertyOptional({ default: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  onDeck?: number;
}

export class CreatePanelDto {
  @ApiProperty({ example: 'AI-generated works and copyright' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  theme?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  guidingQuestions?: string[];

  @TranslationsProperty(PANEL_TRANSLATED_FIELDS)
  translations?: Translations;

  @ApiProperty()
  @IsISO8601(ISO_DATE, ISO_DATE_MESSAGE('startsAt'))
  startsAt: string;

  @ApiProperty()
  @IsISO8601(ISO_DATE, ISO_DATE_MESSAGE('endsAt'))
  endsAt: string;

  @ApiProperty({ type: [String], description: 'Users with the moderator (or admin) role' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'moderatorIds must be UUIDs' })
  moderatorIds: string[];

  @ApiPropertyOptional({ type: [String], description: 'Users with the panelist role' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'panelistIds must be UUIDs' })
  panelistIds?: string[];

  @ApiPropertyOptional({ type: PanelSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PanelSettingsDto)
  settings?: PanelSettingsDto;
}

export class UpdatePanelDto extends PartialType(CreatePanelDto) {}
