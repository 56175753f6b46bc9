import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageBody, WebSocketGateway } from '@nestjs/websockets';
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
import { INTERVENTION_KINDS, InterventionKind, LIVE_NAMESPACE } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { PanelRefDto } from '../live/dto/panel-ref.dto';
import { LiveCommand, LiveUser } from '../live/live-command';
import { FloorRequestsService } from './floor-requests.service';
import { FloorService } from './floor.service';

/*
 * The floor's socket commands (`floor:*`, `queue:*`): first their payloads, validated by the global
 * ValidationPipe before a command runs (classes, declared before the gateway whose metadata names them),
 * then the gateway, one line each; the rules live in FloorService.
 */

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

/** The floor's socket commands (`floor:*`, `queue:*`); the rules live in FloorService. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class FloorGateway {
  constructor(
    private readonly floor: FloorService,
    private readonly requests: FloorRequestsService,
  ) {}

  @LiveCommand('floor:request', ['delegate'])
  request(@LiveUser() user: AuthUser, @MessageBody() dto: RequestFloorDto) {
    return this.requests.request(user, dto);
  }

  @LiveCommand('floor:withdraw', ['delegate'])
  withdraw(@LiveUser() user: AuthUser, @MessageBody() dto: InterventionRefDto) {
    return this.floor.withdraw(user, dto);
  }

  @LiveCommand('floor:grant', ['moderator'])
  grant(@LiveUser() user: AuthUser, @MessageBody() dto: GrantFloorDto) {
    return this.floor.grant(user, dto);
  }

  @LiveCommand('floor:next', ['moderator'])
  next(@LiveUser() user: AuthUser, @MessageBody() dto: NextFloorDto) {
    return this.floor.next(user, dto);
  }

  /** A moderator ends it, or the speaker yields (the service checks the delegate is the speaker). */
  @LiveCommand('floor:end', ['moderator', 'delegate'])
  end(@LiveUser() user: AuthUser, @MessageBody() dto: PanelRefDto) {
    return this.floor.end(user, dto);
  }

  @LiveCommand('floor:extend', ['moderator'])
  extend(@LiveUser() user: AuthUser, @MessageBody() dto: ExtendFloorDto) {
    return this.floor.extend(user, dto);
  }

  @LiveCommand('floor:pause', ['moderator'])
  pause(@LiveUser() user: AuthUser, @MessageBody() dto: PanelRefDto) {
    return this.floor.pause(user, dto);
  }

  @LiveCommand('floor:resume', ['moderator'])
  resume(@LiveUser() user: AuthUser, @MessageBody() dto: PanelRefDto) {
    return this.floor.resume(user, dto);
  }

  @LiveCommand('queue:move', ['moderator'])
  move(@LiveUser() user: AuthUser, @MessageBody() dto: MoveInQueueDto) {
    return this.floor.move(user, dto);
  }

  @LiveCommand('queue:remove', ['moderator'])
  remove(@LiveUser() user: AuthUser, @MessageBody() dto: InterventionRefDto) {
    return this.floor.remove(user, dto);
  }

  @LiveCommand('queue:skip', ['moderator'])
  skip(@LiveUser() user: AuthUser, @MessageBody() dto: SkipInQueueDto) {
    return this.floor.skip(user, dto);
  }

  /** The requesting delegate (the service checks the request is theirs). */
  @LiveCommand('floor:ready', ['delegate'])
  ready(@LiveUser() user: AuthUser, @MessageBody() dto: ReadyDto) {
    return this.floor.ready(user, dto);
  }

  @LiveCommand('queue:open', ['moderator'])
  open(@LiveUser() user: AuthUser, @MessageBody() dto: PanelRefDto) {
    return this.floor.setQueueOpen(user, dto, true);
  }

  @LiveCommand('queue:close', ['moderator'])
  close(@LiveUser() user: AuthUser, @MessageBody() dto: PanelRefDto) {
    return this.floor.setQueueOpen(user, dto, false);
  }
}
