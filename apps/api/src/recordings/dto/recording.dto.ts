import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  Max,
  Min,
  ValidateNested,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { isKnownLanguageCode, RECORDING_STATUSES, RecordingStatus } from '@rostrum/contracts';
import { Trim } from '../../common/dto-helpers';
import { ListQueryDto } from '../../common/list-query';

/** `GET /api/public/recordings` filters. */
export class PublicRecordingsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'eventId must be a UUID' })
  eventId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'panelId must be a UUID' })
  panelId?: string;

  @ApiPropertyOptional({
    description: 'Words to find in the recording, panel or event title (case-insensitive)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** `GET /api/recordings` filters. */
export class RecordingsQueryDto extends PublicRecordingsQueryDto {
  @ApiPropertyOptional({ enum: RECORDING_STATUSES })
  @IsOptional()
  @IsIn(RECORDING_STATUSES, { message: `status must be one of ${RECORDING_STATUSES.join(', ')}` })
  status?: RecordingStatus;
}

export class UpdateRecordingDto {
  @ApiPropertyOptional({ example: 'Panel 2 — Ownership of AI outputs' })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({
    description: 'Published recordings are listed and playable on the public routes once ready',
  })
  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

/** One interpretation channel of an imported recording. */
export class ImportChannelDto {
  @ApiProperty({ example: 'fr', description: 'ISO 639-1 code of the channel' })
  @ValidateBy({
    name: 'isKnownLanguageCode',
    validator: {
      validate: (value) => isKnownLanguageCode(value),
      defaultMessage: () => 'channels[].language must be an ISO 639-1 language code',
    },
  })
  language: string;

  @ApiProperty({
    example: 'imports/panel-2-fr.m4a',
    description: 'Relative to RECORDINGS_DIR, like sourcePath',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  sourcePath: string;

  @ApiProperty({ example: 7.3, description: 'When the channel starts, in seconds after the video starts' })
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'channels[].offsetSeconds must be a number' },
  )
  @Min(-86_400)
  @Max(86_400)
  offsetSeconds: number;
}

export class ImportRecordingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: 'panelId must be a UUID' })
  panelId: string;

  @ApiProperty({
    example: 'imports/panel-2-camera-a.mp4',
    description: 'Relative to RECORDINGS_DIR; links are followed and must not lead outside it',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  sourcePath: string;

  @ApiPropertyOptional({ description: "Defaults to the panel's title" })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ type: [ImportChannelDto], description: 'Interpretation channels, one per language' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ImportChannelDto)
  channels?: ImportChannelDto[];
}

const LANGUAGE = /^[a-z]{2}$/;

/** `?lang=` of a recording's transcript and captions. */
export class TranscriptQueryDto {
  @ApiPropertyOptional({ default: 'en', description: 'Two-letter language code of the channel' })
  @IsOptional()
  @Matches(LANGUAGE, { message: 'lang must be a two-letter language code' })
  lang: string = 'en';
}

/** `GET /api/public/recordings/search` */
export class PublicTranscriptSearchDto extends ListQueryDto {
  @ApiProperty({ description: 'Words to find in what was said (stemmed for English and French)' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'q must not be empty' })
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional({ description: 'Only this language (default: every language)' })
  @IsOptional()
  @Matches(LANGUAGE, { message: 'lang must be a two-letter language code' })
  lang?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'eventId must be a UUID' })
  eventId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'panelId must be a UUID' })
  panelId?: string;
}

/** `chapters.vtt?lang=fr`: the chapter titles in that language (ISO 639-1). */
export class ChaptersQueryDto {
  @ApiPropertyOptional({ example: 'fr', description: 'ISO 639-1; without it, the titles as archived' })
  @IsOptional()
  @ValidateBy({
    name: 'isKnownLanguageCode',
    validator: {
      validate: isKnownLanguageCode,
      defaultMessage: () => 'lang must be an ISO 639-1 language code such as fr or zh',
    },
  })
  lang?: string;
}
