import {
  applyDecorators,
  ArgumentsHost,
  CallHandler,
  CanActivate,
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
import { Reflector } from '@nestjs/core';
import { SubscribeMessage } from '@nestjs/websockets';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { map, Observable } from 'rxjs';
import type { ClientCommandName } from '@rostrum/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { INTERNAL_ERROR_BODY, toErrorBody } from '../common/error-mapping';
import { PanelAccessService } from '../panels/panel-access.service';
import { ackError, LiveSocket } from './live-socket';

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

/**
 * Who may send a command. 'anyone' includes public viewers and needs no joined panel. Otherwise the client
 * must have joined the payload's panel and be one of: 'moderator' (of that panel, or an admin), 'panelist'
 * (of that panel), 'delegate', or just 'signed-in'.
 */
export type LiveAllow = 'anyone' | ('moderator' | 'panelist' | 'delegate' | 'signed-in')[];
export const LIVE_ALLOW = 'rostrum:live-allow';

/** Raised for a command sent without an acknowledgement callback: the filter drops it without answering. */
export class MissingAckError extends Error {}

/**
 * Checks a socket command before it runs: it carries an acknowledgement; the sender's role may send it;
 * the sender joined the panel it names (NOT_JOINED); and, for panel roles, the sender moderates or sits on
 * that very panel (a moderator of another panel gets FORBIDDEN); a delegate must be accredited to the
 * panel's event (NOT_ACCREDITED). Panel membership and accreditation are read from the database on each
 * command, so a moderator removed from a panel, or a delegate whose accreditation is revoked, loses the
 * commands at once.
 * A payload without a valid panelId is left to the ValidationPipe (VALIDATION_FAILED).
 */
@Injectable()
export class LiveCommandGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: PanelAccessService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (typeof ctx.getArgByIndex(2) !== 'function') throw new MissingAckError();
    const allow = this.reflector.get<LiveAllow>(LIVE_ALLOW, ctx.getHandler());
    if (allow === 'anyone') return true;

    const client = ctx.switchToWs().getClient<LiveSocket>();
    const user = client.data.user;
    if (!user) throw new AppError('FORBIDDEN', 'Sign in to do this');
    const couldBe = {
      'signed-in': true,
      delegate: user.role === 'delegate',
      moderator: user.role === 'moderator' || user.role === 'admin',
      panelist: user.role === 'panelist',
    };
    if (!allow.some((a) => couldBe[a])) throw new AppError('FORBIDDEN', 'Your role may not do this');

    const panelId: unknown = (ctx.switchToWs().getData() as { panelId?: unknown } | null)?.panelId;
    if (typeof panelId !== 'string' || !isUUID(panelId)) return true;
    if (!client.data.panels[panelId]) throw new AppError('NOT_JOINED', 'Join the panel first (panel:join)');

    if (allow.includes('signed-in')) return true;
    if (allow.includes('delegate') && couldBe.delegate) {
      // Read on each command, like panel membership: a revocation takes effect at the next command.
      if (await this.access.isAccredited(panelId, user.id)) return true;
      throw new AppError('NOT_ACCREDITED', "You are not accredited to this panel's event");
    }
    if (allow.includes('moderator') && couldBe.moderator) {
      if (user.role === 'admin' || (await this.access.isModerator(panelId, user.id))) return true;
    }
    if (allow.includes('panelist') && couldBe.panelist && (await this.access.isPanelist(panelId, user.id))) {
      return true;
    }
    throw new AppError('FORBIDDEN', 'Your role on this panel may not do this');
  }
}

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
