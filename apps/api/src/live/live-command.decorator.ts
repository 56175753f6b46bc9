import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';
import type { ClientCommandName } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { LiveAckFilter } from './live-ack.filter';
import { LiveAckInterceptor } from './live-ack.interceptor';
import { LIVE_ALLOW, LiveAllow, LiveCommandGuard } from './live-command.guard';
import type { LiveSocket } from './live-socket';

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
