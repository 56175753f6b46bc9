import type { Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { stdSerializers } from 'pino';
import type { AppConfig } from './app-config';

/**
 * Never logged, wherever they appear: credentials, cookies, passwords, invitation codes, reset and access
 * tokens (CONTRACT.md, "Logs"). Paths cover the value itself and one level of nesting (`{user, password}`).
 */
const SECRET_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'invitationCode',
  'token',
  'resetToken',
  'accessToken',
  'secret',
];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** Query parameters whose values never reach a log line (an invitation link, a reset link). */
const SECRET_QUERY = /([?&](?:code|invitationCode|token|resetToken|password)=)[^&#]*/gi;

/** A URL as logged: secret query values replaced. */
export const redactUrl = (url: string): string => url.replace(SECRET_QUERY, '$1[redacted]');

/**
 * An error as logged. A database error keeps its code, constraint and SQL text, but not its parameters
 * (password hashes, emails, invitation codes) nor PostgreSQL's `detail`, which quotes the values
 * ("Key (email)=(…) already exists").
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = stdSerializers.err(err) as unknown as Record<string, unknown>;
  delete out.parameters;
  delete out.detail;
  delete out.driverError;
  return out;
}

/**
 * The pino options of the API and the worker: level, redaction, safe errors, and readable lines
 * (pino-pretty) when a person reads a development terminal; JSON lines everywhere else.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel' | 'nodeEnv'>, http: Options = {}): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      ...(wantsPrettyLogs(config) ? { transport: { target: 'pino-pretty', options: PRETTY } } : {}),
      ...http,
      serializers: { err: serializeError, ...http.serializers },
    },
  };
}

/** One readable line per entry: time, level, [context], the request (method, URL, status) or the message. */
const PRETTY = {
  singleLine: true,
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'pid,hostname,context,req,res,responseTime',
  messageFormat:
    '{if context}[{context}] {end}{if req.method}{req.method} {req.url} {res.statusCode} {end}{msg}',
};

function wantsPrettyLogs(config: Pick<AppConfig, 'nodeEnv'>): boolean {
  if (config.nodeEnv !== 'development' || !process.stdout.isTTY) return false;
  try {
    require.resolve('pino-pretty'); // a development dependency: absent from the production image
    return true;
  } catch {
    return false;
  }
}
