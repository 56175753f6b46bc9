import { applyDecorators, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerOptions } from '@nestjs/throttler';

const NAME = 'webcastToken';
const LIMITED = 'rostrum:webcast-token-limited';

/**
 * The public token route's rate limit, per client address, counted in Redis across instances. Registered in
 * ThrottlerModule with the others, it counts only on routes marked `@WebcastTokenLimit()`.
 */
export const webcastTokenThrottler: ThrottlerOptions = {
  name: NAME,
  limit: 30,
  ttl: 60_000,
  skipIf: (ctx: ExecutionContext) => !Reflect.getMetadata(LIMITED, ctx.getHandler()),
};

/** Applies the webcast token throttler alone (not the sign-in one). */
@Injectable()
export class WebcastTokenThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((t) => t.name === NAME);
  }
}

export const WebcastTokenLimit = () =>
  applyDecorators(SetMetadata(LIMITED, true), UseGuards(WebcastTokenThrottlerGuard));
