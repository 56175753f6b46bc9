import pino from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { loggerParams, redactUrl } from './logger-options';

/** A pino logger with the apps' options, writing JSON lines into `lines`. */
function capture(): { log: pino.Logger; lines: () => string } {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const { redact, serializers } = loggerParams({ logLevel: 'info', nodeEnv: 'test' })
    .pinoHttp as pino.LoggerOptions;
  return { log: pino({ redact, serializers }, sink), lines: () => out };
}

describe('logger options', () => {
  it('should log a database error without its parameters or the values PostgreSQL quotes', () => {
    const { log, lines } = capture();
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "UQ_users_email"'),
      {
        code: '23505',
        detail: 'Key (email)=(delegate@example.org) already exists.',
        constraint: 'UQ_users_email',
      },
    );
    const err = new QueryFailedError(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      ['delegate@example.org', '$argon2id$v=19$m=65536$secret-hash'],
      driverError,
    );
    log.error({ err }, 'unhandled error');
    const line = JSON.parse(lines());
    expect(line.err).toMatchObject({
      code: '23505',
      constraint: 'UQ_users_email',
      query: expect.stringContaining('$1'),
    });
    expect(lines()).not.toContain('delegate@example.org');
    expect(lines()).not.toContain('secret-hash');
  });

  it('should redact passwords, invitation codes, tokens and cookies wherever they are logged', () => {
    const { log, lines } = capture();
    log.info({
      req: { headers: { cookie: 'rostrum_session=COOKIE-1', authorization: 'Bearer TOKEN-1' } },
      res: { headers: { 'set-cookie': 'rostrum_session=COOKIE-2' } },
      password: 'PASSWORD-1',
      body: { password: 'PASSWORD-2', invitationCode: 'INVITE-1', newPassword: 'PASSWORD-3' },
      reset: { token: 'RESET-1' },
      user: { accessToken: 'TOKEN-2' },
    });
    for (const secret of [
      'COOKIE-1',
      'COOKIE-2',
      'TOKEN-1',
      'TOKEN-2',
      'PASSWORD-1',
      'PASSWORD-2',
      'PASSWORD-3',
      'INVITE-1',
      'RESET-1',
    ]) {
      expect([secret, lines().includes(secret)]).toEqual([secret, false]);
    }
    expect(lines()).toContain('[redacted]');
  });

  it('should redact invitation codes and tokens in logged URLs', () => {
    expect(redactUrl('/register?code=ABCD-1234&lang=fr')).toBe('/register?code=[redacted]&lang=fr');
    expect(redactUrl('/reset-password?token=xyz')).toBe('/reset-password?token=[redacted]');
    expect(redactUrl('/api/recordings?q=code')).toBe('/api/recordings?q=code');
  });
});
