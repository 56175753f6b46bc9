import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';

/**
 * A guard that applies one of the throttlers registered in ThrottlerModule (by name) and answers 429 with a
 * plain `Retry-After`: for a named throttler @nestjs/throttler would call it `Retry-After-<name>`.
 * Call once per throttler, at module level: each call makes a class of its own.
 */
export function namedThrottlerGuard(name: string): Type<CanActivate> {
  @Injectable()
  class NamedThrottlerGuard extends ThrottlerGuard {
    override async onModuleInit(): Promise<void> {
      await super.onModuleInit();
      this.throttlers = this.throttlers.filter((t) => t.name === name);
    }

    protected override async throwThrottlingException(
      context: ExecutionContext,
      detail: ThrottlerLimitDetail,
    ): Promise<void> {
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(detail.timeToBlockExpire));
      await super.throwThrottlingException(context, detail);
    }
  }
  return NamedThrottlerGuard;
}
