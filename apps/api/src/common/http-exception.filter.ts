import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { RateLimitedError } from './app-error';
import { INTERNAL_ERROR_BODY, toErrorBody } from './error-mapping';

/** Every REST error leaves in the contract's shape `{statusCode, code, message}`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const res = host.switchToHttp().getResponse<Response>();
    let body = toErrorBody(err);
    if (!body) {
      const errorId = randomUUID();
      this.logger.error({ err, errorId }, 'unhandled error');
      body = INTERNAL_ERROR_BODY(errorId);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof RateLimitedError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }
}
