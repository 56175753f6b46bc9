import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { validationFailed } from './app-error';

/** One readable sentence from class-validator's tree, e.g. "startsAt must be an ISO 8601 date; name should not be empty". */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string {
  return errors
    .flatMap((e) => {
      const path = parent ? `${parent}.${e.property}` : e.property;
      const own = Object.values(e.constraints ?? {}).map((m) =>
        m.startsWith('property ')
          ? m.replace(/^property (\S+) should not exist$/, `${path} is not allowed`)
          : m,
      );
      const nested = e.children?.length ? [describeValidationErrors(e.children, path)] : [];
      return [...own, ...nested];
    })
    .filter(Boolean)
    .join('; ');
}

/** The same validation for REST bodies and socket payloads: unknown fields rejected, types transformed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(describeValidationErrors(errors) || 'Invalid input'),
  });
}

/** `@Param('id', UuidPipe)`: a malformed id is 400 VALIDATION_FAILED, never a database error. */
export const UuidPipe = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => validationFailed('The id in the path must be a UUID'),
});
