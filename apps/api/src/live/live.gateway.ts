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
import { CommandRateLimiter } from './command-rate-limiter';
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
        next();
      } catch (err) {
        const message = err instanceof AppError ? err.message : 'Invalid token';
        next(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED', message } }));
      }
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
   * Runs before any command handler: the rate limit (RATE_LIMITED, then disconnection for a client that
   * keeps flooding) and unknown commands (answered VALIDATION_FAILED rather than left hanging).
   */
  private commandGate(socket: LiveSocket) {
    const limiter = new CommandRateLimiter(LIVE_LIMITS.commandsPerSecond);
    return ([event, ...args]: unknown[], next: (err?: Error) => void) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : null;
      const verdict = limiter.take(Date.now());
      if (verdict !== 'ok') {
        ack?.(ackError('RATE_LIMITED', 'Too many commands; slow down'));
        if (verdict === 'disconnect') {
          this.log.warn(
            { socketId: socket.id, userId: socket.data.user?.id },
            'disconnected a flooding client',
          );
          socket.disconnect(true);
        }
        return;
      }
      if (typeof event !== 'string' || socket.listenerCount(event) === 0) {
        ack?.(ackError('VALIDATION_FAILED', `Unknown command ${String(event)}`));
        return;
      }
      next();
    };
  }

  private disconnectAtExpiry(socket: LiveSocket, expiresAt: number): void {
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt * 1000 - Date.now()));
    socket.once('disconnect', () => clearTimeout(timer));
  }
}
