import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { ApiErrorBody, ErrorCode } from '@rostrum/contracts';
import { AppError } from './app-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  416: 'RANGE_NOT_SATISFIABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Turns anything thrown into the contract's error body, or null when it is an unexpected error
 * (the caller logs it with an id and answers a generic 500).
 */
export function toErrorBody(err: unknown): ApiErrorBody | null {
  if (err instanceof AppError) {
    return { ...err.extra, statusCode: err.status, code: err.code, message: err.message };
  }
  if (err instanceof ThrottlerException) {
    return { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests; try again shortly' };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = CODE_BY_STATUS[status];
    if (!code)
      return status >= 500 ? null : { statusCode: status, code: 'VALIDATION_FAILED', message: err.message };
    return { statusCode: status, code, message: messageOf(err) };
  }
  if (isBodyParserError(err)) {
    return err.type === 'entity.too.large'
      ? { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' }
      : { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON' };
  }
  if (err instanceof QueryFailedError) return fromDatabaseError(err);
  if (isDatabaseUnavailable(err)) {
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly',
    };
  }
  return null;
}

function messageOf(err: HttpException): string {
  const res = err.getResponse();
  if (typeof res === 'string') return res;
  const msg = (res as { message?: unknown }).message;
  if (Array.isArray(msg)) return msg.join('; ');
  return typeof msg === 'string' ? msg : err.message;
}

function isBodyParserError(err: unknown): err is { type: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { type?: unknown }).type === 'string' &&
    String((err as { type: string }).type).startsWith('entity.')
  );
}

/** Constraint and type errors the database caught: bad input, never a 500. */
function fromDatabaseError(err: QueryFailedError): ApiErrorBody | null {
  const code = (err.driverError as { code?: string } | undefined)?.code;
  switch (code) {
    case '22P02': // invalid_text_representation (e.g. a malformed uuid)
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '23514': // check_violation
    case '22001': // string_data_right_truncation
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'The request has an invalid value' };
    case '23505': // unique_violation
      return { statusCode: 409, code: 'CONFLICT', message: 'That conflicts with existing data' };
    case '23503': // foreign_key_violation
      return { statusCode: 404, code: 'NOT_FOUND', message: 'A referenced item does not exist' };
    case '57014': // query_canceled (statement timeout)
    case '55P03': // lock_not_available
      return {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database is busy; try again shortly',
      };
    default:
      return isDatabaseUnavailable(err.driverError) ? fromUnavailable() : null;
  }
}

const fromUnavailable = (): ApiErrorBody => ({
  statusCode: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'The database is unavailable; try again shortly',
});

function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003'].includes(
      e.code ?? '',
    ) || /Connection terminated|timeout exceeded when trying to connect/i.test(e.message ?? '')
  );
}

export const INTERNAL_ERROR_BODY = (errorId: string): ApiErrorBody => ({
  statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
  code: 'INTERNAL_ERROR',
  message: `Something went wrong on our side (error id ${errorId})`,
});
