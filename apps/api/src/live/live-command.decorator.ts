import {
  applyDecorators,
  ArgumentsHost,
  CallHandler,
  Catch,
  createParamDecorator,
  ExceptionFilter,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';
import { randomUUID } from 'node:crypto';
import { map, Observable } from 'rxjs';
import type { ClientCommandName } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { INTERNAL_ERROR_BODY, toErrorBody } from '../common/error-mapping';
import { LIVE_ALLOW, LiveAllow, LiveCommandGuard } from './live-command.guard';
import { ackError, LiveSocket } from './live-socket';

export type { LiveAllow };

/**
 * A socket command, the one way to declare one: the guard checks the acknowledgement, the role and the
 * panel; the global ValidationPipe validates the `@MessageBody()` DTO exactly as for REST; the handler's
 * result is acknowledged as `{ok: true, data}` and any error as `{ok: false, error: {code, message}}` —
 * exactly one answer per command. Handlers stay one line: call one service method.
 */
export const LiveCommand = (event: ClientCommandName, allow: LiveAllow) =>
  applyDecorators(
    SubscribeMessage(event),
    SetMetadata(LIVE_ALLOW, allow),
    UseGuards(LiveCommandGuard),
    UseInterceptors(LiveAckInterceptor),
    UseFilters(LiveAckFilter),
  );

/** The signed-in user sending the command (null for a public viewer, which only 'anyone' commands see). */
export const LiveUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser | null => ctx.switchToWs().getClient<LiveSocket>().data.user,
);

/** A handler's result becomes the acknowledgement `{ok: true, data}` (never empty, so it is always sent). */
@Injectable()
export class LiveAckInterceptor implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((data: unknown) => ({ ok: true, data: data ?? {} })));
  }
}

/**
 * Every error of a socket command — validation, access, a rule of the floor, the database — answers the
 * command's acknowledgement with the same code REST would give. Unexpected errors are logged with an id.
 */
@Catch()
export class LiveAckFilter implements ExceptionFilter {
  private readonly log = new Logger(LiveAckFilter.name);

  catch(err: unknown, host: ArgumentsHost): void {
    const ack: unknown = host.getArgByIndex(2);
    if (typeof ack !== 'function') return; // a command without a callback is ignored
    let body = toErrorBody(err);
    if (!body) {
      const errorId = randomUUID();
      const event: unknown = host.getArgByIndex(3);
      this.log.error({ err, errorId, event }, 'socket command failed');
      body = INTERNAL_ERROR_BODY(errorId);
    }
    ack(ackError(body.code as Parameters<typeof ackError>[0], body.message));
  }
}
