import { ERROR_CODES, ErrorCode } from '@rostrum/contracts';

/** A domain error with a contract code; mapped to HTTP by the exception filter and to socket acks by the gateway. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** More fields for the REST body, beside statusCode, code and message (e.g. an import's report). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }
}

/** RATE_LIMITED, with how long to wait (the REST answer's Retry-After header, in whole seconds). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterMs: number) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('FORBIDDEN', message);
export const validationFailed = (message: string) => new AppError('VALIDATION_FAILED', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
