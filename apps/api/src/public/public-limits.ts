import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ThrottlerOptions } from '@nestjs/throttler';
import type { Response } from 'express';
import { from, Observable, switchMap, finalize } from 'rxjs';
import { AppError } from '../common/app-error';
import { ConcurrencyGate } from '../common/concurrency-gate';
import { namedThrottlerGuard } from '../common/named-throttler.guard';

const NAME = 'public';
const LIMITED = 'rostrum:public-limited';

/**
 * Unauthenticated `/api/public/*` routes: 300 requests a minute per client address (CONTRACT.md), counted in
 * Redis across instances. Registered in ThrottlerModule with the others; counts only on `@PublicRoute()`.
 */
export const publicThrottler: ThrottlerOptions = {
  name: NAME,
  limit: 300,
  ttl: 60_000,
  skipIf: (ctx: ExecutionContext) => !Reflect.getMetadata(LIMITED, ctx.getClass()),
  // One count per address across every public route (the default key is per route).
  generateKey: (_ctx: ExecutionContext, tracker: string) => `${NAME}:${tracker}`,
};

/** Applies the public throttler alone, with a plain `Retry-After` as the contract says. */
const PublicThrottlerGuard = namedThrottlerGuard(NAME);

/**
 * Public reads share the database pool (20 connections per instance) with floor commands. At most this many
 * run at once per instance; more wait (briefly) in line, so a crowd on the programme or watch page can
 * never take the connections a moderator's next command needs.
 */
export const PUBLIC_READS = { concurrent: 4, waiting: 500, maxWaitMs: 5000 } as const;

/** One gate per process, whichever module's controller the read is in. */
const gate = new ConcurrencyGate(PUBLIC_READS.concurrent, PUBLIC_READS.waiting, PUBLIC_READS.maxWaitMs);

@Injectable()
export class PublicReadGate implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.enter(ctx)).pipe(switchMap((leave) => next.handle().pipe(finalize(leave))));
  }

  /** How many public reads are running now (for tests and diagnostics). */
  static get running(): number {
    return gate.running;
  }

  private async enter(ctx: ExecutionContext): Promise<() => void> {
    const leave = await gate.enter();
    if (leave) return leave;
    ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', '1');
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'Too many requests for public pages right now; try again shortly',
    );
  }
}

/** A public controller: rate limited per address; its JSON reads go through the gate above. */
export const PublicRoute = () =>
  applyDecorators(
    SetMetadata(LIMITED, true),
    UseGuards(PublicThrottlerGuard),
    ApiResponse({
      status: 429,
      description: 'RATE_LIMITED: over 300 public requests a minute from this address; see Retry-After',
    }),
  );

/** A public route that reads the database to answer JSON (not a file stream, which would hold its place). */
export const PublicRead = () => UseInterceptors(PublicReadGate);
