import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INTERVENTION_KINDS, InterventionKind } from '@rostrum/contracts';
import { PanelRefDto } from '../../live/dto/panel-ref.dto';

/** `floor:request`. */
export class RequestFloorDto extends PanelRefDto {
  @ApiProperty({ enum: INTERVENTION_KINDS })
  @IsIn(INTERVENTION_KINDS, { message: `kind must be one of ${INTERVENTION_KINDS.join(', ')}` })
  kind: InterventionKind;

  @ApiPropertyOptional({ maxLength: 280, description: 'A short note for the moderators' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsString()
  @MaxLength(280)
  note?: string;

  /** The client's retry key: the same key again answers the first request instead of making a second. */
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  requestId?: string;

  /** `group_statement` only: the regional group spoken for (one of the event's `groups`). */
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  onBehalfOf?: string;

  /** `right_of_reply` only, and required there: the intervention answered. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'replyTo must be a UUID' })
  replyTo?: string;
}

/** Commands on one intervention: `floor:withdraw`, `queue:remove`. */
export class InterventionRefDto extends PanelRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'interventionId must be a UUID' })
  interventionId: string;
}

/** The time a moderator gives the next speaker instead of what the kind would get (1–3600 s). */
function GivenSeconds() {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: 3600 }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(3600),
  );
}

/** `floor:next`: `seconds` overrides the time the kind would get. */
export class NextFloorDto extends PanelRefDto {
  @GivenSeconds()
  seconds?: number;
}

/** `floor:grant`: `seconds` overrides the time the kind would get. */
export class GrantFloorDto extends InterventionRefDto {
  @GivenSeconds()
  seconds?: number;
}

/** `floor:extend`. */
export class ExtendFloorDto extends PanelRefDto {
  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  seconds: number;
}

/** `queue:move`: `toIndex` is 0-based; past the end means last. */
export class MoveInQueueDto extends InterventionRefDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  toIndex: number;
}

/** `queue:skip`: moves a waiting request `places` down (1–20, default 1). */
export class SkipInQueueDto extends InterventionRefDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  places?: number;
}

/** `floor:ready`: the requesting delegate is (or is no longer) ready to speak. */
export class ReadyDto extends InterventionRefDto {
  @ApiProperty()
  @IsBoolean()
  ready: boolean;
}
