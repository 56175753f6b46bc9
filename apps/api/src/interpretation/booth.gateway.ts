import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { LiveCommand, LiveUser } from '../live/live-command';
import type { LiveSocket } from '../live/live-socket';
import { BoothLiveService } from './booth-live.service';
import { BoothRefDto, BoothRelayDto } from './dto/booth-command.dto';

/** The interpreters' socket commands (`booth:*`); the rules live in BoothLiveService. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class BoothGateway {
  constructor(private readonly booths: BoothLiveService) {}

  @LiveCommand('booth:join', ['interpreter'])
  join(@ConnectedSocket() socket: LiveSocket, @LiveUser() user: AuthUser, @MessageBody() dto: BoothRefDto) {
    return this.booths.join(socket, user, dto);
  }

  @LiveCommand('booth:take', ['interpreter'])
  take(@LiveUser() user: AuthUser, @MessageBody() dto: BoothRefDto) {
    return this.booths.take(user, dto);
  }

  @LiveCommand('booth:release', ['interpreter'])
  release(@LiveUser() user: AuthUser, @MessageBody() dto: BoothRefDto) {
    return this.booths.release(user, dto);
  }

  @LiveCommand('booth:relay', ['interpreter'])
  relay(@LiveUser() user: AuthUser, @MessageBody() dto: BoothRelayDto) {
    return this.booths.relay(user, dto);
  }
}
