import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from '@rostrum/contracts';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'rostrum:public';
export const ALLOWED = 'rostrum:allowed';

/** A moderator of the panel named by the route's `:id` (or `:panelId`). */
export const PANEL_MODERATOR = 'panel-moderator' as const;
export type Allowed = Role | typeof PANEL_MODERATOR;

/** No sign-in needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles (and/or the moderators of the route's panel) may call the route. Admin always may. */
export const Allow = (...allowed: Allowed[]) => SetMetadata(ALLOWED, allowed);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
