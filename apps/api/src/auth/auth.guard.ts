import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { PanelAccessService } from '../panels/panel-access.service';
import { Allowed, ALLOWED, IS_PUBLIC, PANEL_MODERATOR } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(), and passes @Allow(...) when
 * given. "Moderator of this panel" is checked against the database, so a moderator of another panel is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly panelAccess: PanelAccessService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = req.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    const user = this.tokens.verify(scheme?.toLowerCase() === 'bearer' ? token : undefined);
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
