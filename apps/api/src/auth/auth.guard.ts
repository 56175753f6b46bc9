import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { AppError } from '../common/app-error';
import { PanelAccessService } from '../panels/panel-access.service';
import { Allowed, ALLOWED, IS_PUBLIC, PANEL_MODERATOR } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { isTrustedWriteOrigin } from './csrf-origin';
import { clearSessionCookie, readCredentials } from './session-cookie';
import { SessionService } from './session.service';

/** Requests that change state: with the cookie alone, they must come from a page of ours. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Global guard: every route needs a valid, unrevoked access token — bearer header or session cookie — unless
 * marked @Public(), and passes @Allow(...) when given. "Moderator of this panel" is checked against the
 * database, so a moderator of another panel is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly panelAccess: PanelAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const credentials = readCredentials(req.headers);
    let user: AuthUser;
    try {
      user = await this.sessions.authenticate(credentials.token);
    } catch (err) {
      // A dead cookie is dropped, so the browser stops sending it (and its sockets connect as public again).
      if (credentials.via === 'cookie') clearSessionCookie(req, ctx.switchToHttp().getResponse<Response>());
      throw err;
    }
    if (
      credentials.via === 'cookie' &&
      UNSAFE_METHODS.has(req.method) &&
      !isTrustedWriteOrigin(req.headers.origin, req.headers.host, this.config.corsOrigins)
    ) {
      throw new AppError('FORBIDDEN', 'This request must come from the Rostrum site (Origin refused)');
    }
    req.user = user;

    const allowed = this.reflector.getAllAndOverride<Allowed[] | undefined>(ALLOWED, targets);
    if (!allowed || user.role === 'admin' || allowed.includes(user.role)) return true;
    if (allowed.includes(PANEL_MODERATOR)) {
      const panelId = req.params.id ?? req.params.panelId;
      if (typeof panelId === 'string' && (await this.panelAccess.isModerator(panelId, user.id))) return true;
    }
    throw new AppError('FORBIDDEN', 'Your role may not do this');
  }
}
