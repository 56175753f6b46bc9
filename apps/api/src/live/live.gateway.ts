import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import { LIVE_NAMESPACE, ROOMS } from '@rostrum/contracts';
import { AppError } from '../common/app-error';
import { TokenService } from '../auth/token.service';
import { MAX_WAIT_IN_LINE_MS } from '../floor/panel-lock.service';
import { CommandQueue } from './command-queue';
import { CommandRateLimiter } from './command-rate-limiter';
import { FloodCoolOffService } from './flood-cool-off.service';
import { PanelRefDto } from './dto/panel-ref.dto';
import { LiveCommand } from './live-command.decorator';
import { LivePublisher } from './live-publisher';
import { ackError, LIVE_LIMITS, LiveNamespace, LiveSocket } from './live-socket';
import { PanelRoomsService } from './panel-rooms.service';

/**
 * The /live namespace: who connects (token at the handshake, or a public viewer), for how long (until the
 * token expires), how often they may send commands, and joining panels. Feature gateways on the same
 * namespace (the floor, Q&A) declare their commands with `@LiveCommand`.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly log = new Logger(LiveGateway.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly publisher: LivePublisher,
    private readonly rooms: PanelRoomsService,
    /** Signed-in users cut off for flooding, kept out for a few seconds (public viewers have no stable key). */
    private readonly coolOff: FloodCoolOffService,
  ) {}

  afterInit(nsp: LiveNamespace): void {
    this.publisher.attach(nsp);
    nsp.use((socket, next) => {
      socket.data.panels = {};
      const token: unknown = socket.handshake.auth?.token;
      if (token === undefined || token === null || token === '') {
        socket.data.user = null; // a public viewer
        return next();
      }
      try {
        socket.data.user = this.tokens.verify(typeof token === 'string' ? token : undefined);
      } catch (err) {
        const message = err instanceof AppError ? err.message : 'Invalid token';
        return next(refusal('UNAUTHENTICATED', message));
      }
      void this.coolOff.remaining(socket.data.user.id, Date.now()).then((coolingOff) => {
        if (coolingOff === 0) return next();
        // Answered when the cool-off ends: a bot that connects again at once then costs one handshake per
        // cool-off rather than one every few milliseconds.
        const refused = refusal('RATE_LIMITED', 'Disconnected for flooding commands; connect again later');
        setTimeout(() => next(refused), coolingOff).unref();
      });
    });
  }

  handleConnection(socket: LiveSocket): void {
    const user = socket.data.user;
    if (user) {
      void socket.join(ROOMS.user(user.id));
      if (user.role === 'staff' || user.role === 'admin') void socket.join(ROOMS.staff);
      this.disconnectAtExpiry(socket, user.expiresAt);
    }
    socket.use(this.commandGate(socket));
  }

  handleDisconnect(socket: LiveSocket): void {
    this.rooms.disconnected(socket);
  }

  @LiveCommand('panel:join', 'anyone')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: PanelRefDto) {
    return this.rooms.join(socket, dto.panelId);
  }

  @LiveCommand('panel:leave', 'anyone')
  leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: PanelRefDto) {
    return this.rooms.leave(socket, dto.panelId);
  }

  /**
   * Runs before any command handler, cheapest refusals first: the rate limit (RATE_LIMITED, then
   * disconnection for a client that keeps flooding), commands without a callback (ignored), unknown commands
   * (answered VALIDATION_FAILED rather than left hanging); then the connection's commands run one at a time.
   */
  private commandGate(socket: LiveSocket) {
    const limiter = new CommandRateLimiter(LIVE_LIMITS.commandsPerSecond);
    const queue = new CommandQueue(LIVE_LIMITS.commandsPerSecond, MAX_WAIT_IN_LINE_MS);
    return (packet: unknown[], next: (err?: Error) => void) => {
      // socket.io still runs this for the packets already read when the connection was cut off: they cost
      // nothing more (no answer, no log line each).
      if (!socket.connected) return;
      const [event] = packet;
      const last = packet[packet.length - 1];
      const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : null;
      const now = Date.now();
      const verdict = limiter.take(now);
      if (verdict !== 'ok') {
        ack?.(ackError('RATE_LIMITED', 'Too many commands; slow down'));
        if (verdict === 'disconnect') {
          const userId = socket.data.user?.id;
          if (userId) this.coolOff.cutOff(userId, now);
          this.log.warn({ socketId: socket.id, userId }, 'disconnected a flooding client');
          socket.disconnect(true);
        }
        return;
      }
      if (!ack) return; // every command is answered through its callback: without one, it is not run
      if (typeof event !== 'string' || socket.listenerCount(event) === 0) {
        ack(ackError('VALIDATION_FAILED', `Unknown command ${String(event)}`));
        return;
      }
      // Its answer (exactly one, see LiveCommand) ends its turn.
      let answered = false;
      packet[packet.length - 1] = (answer: unknown) => {
        if (answered) return;
        answered = true;
        ack(answer);
        queue.done();
      };
      // A turn that comes after the connection is gone is skipped: nobody is left to answer.
      const start = () => (socket.connected ? next() : queue.done());
      const tooLate = () => ack(ackError('SERVICE_UNAVAILABLE', 'The server is slow to answer; try again'));
      if (!queue.enter(start, tooLate)) ack(ackError('RATE_LIMITED', 'Too many commands waiting; slow down'));
    };
  }

  private disconnectAtExpiry(socket: LiveSocket, expiresAt: number): void {
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt * 1000 - Date.now()));
    socket.once('disconnect', () => clearTimeout(timer));
  }
}

const refusal = (code: 'UNAUTHENTICATED' | 'RATE_LIMITED', message: string) =>
  Object.assign(new Error(code), { data: { code, message } });
