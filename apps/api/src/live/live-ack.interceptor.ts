import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, Observable } from 'rxjs';

/** A handler's result becomes the acknowledgement `{ok: true, data}` (never empty, so it is always sent). */
@Injectable()
export class LiveAckInterceptor implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((data: unknown) => ({ ok: true, data: data ?? {} })));
  }
}
