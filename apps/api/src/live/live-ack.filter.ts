import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { INTERNAL_ERROR_BODY, toErrorBody } from '../common/error-mapping';
import { ackError } from './live-socket';

/**
 * Every error of a socket command — validation, access, a rule of the floor, the database — answers the
 * command's acknowledgement with the same code REST would give. Unexpected errors are logged with an id.
 */
@Catch()
export class LiveAckFilter implements ExceptionFilter {
  private readonly log = new Logger(LiveAckFilter.name);

  catch(err: unknown, host: ArgumentsHost): void {
    const ack: unknown = host.getArgByIndex(2);
    if (typeof ack !== 'function') return; // a command without a callback is ignored
    let body = toErrorBody(err);
    if (!body) {
      const errorId = randomUUID();
      const event: unknown = host.getArgByIndex(3);
      this.log.error({ err, errorId, event }, 'socket command failed');
      body = INTERNAL_ERROR_BODY(errorId);
    }
    ack(ackError(body.code as Parameters<typeof ackError>[0], body.message));
  }
}
