import { MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { PanelRefDto } from '../live/dto/panel-ref.dto';
import { LiveCommand, LiveUser } from '../live/live-command';
import {
  ExtendFloorDto,
  GrantFloorDto,
  InterventionRefDto,
  MoveInQueueDto,
  NextFloorDto,
  ReadyDto,
  RequestFloorDto,
  SkipInQueueDto,
} from './dto/floor-command.dto';
import { FloorRequestsService } from './floor-requests.service';
import { FloorService } from './floor.service';

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
