import { applyDecorators, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ThrottlerOptions } from '@nestjs/throttler';
import { namedThrottlerGuard } from '../common/named-throttler.guard';

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

/** Applies the webcast token throttler alone (not the public one). */
const WebcastTokenThrottlerGuard = namedThrottlerGuard(NAME);

export const WebcastTokenLimit = () =>
  applyDecorators(SetMetadata(LIMITED, true), UseGuards(WebcastTokenThrottlerGuard));
