import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '@rostrum/config';
import { UserEntity } from '@rostrum/database';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { PasswordResetService } from './password-reset.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';

/** Production refuses a published secret and wants a signing key: both made for this run. */
const RECORD_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

describe('PasswordResetService.request', () => {
  const inserted: unknown[] = [];
  const queued: { link: string; language: unknown }[] = [];
  const repositories = (entity: unknown) =>
    entity === UserEntity
      ? {
          findOneBy: async ({ email }: { email: string }) =>
            email === 'known@example.org' ? { id: 'u1', email, name: 'Known' } : null,
        }
      : { insert: async (row: unknown) => void inserted.push(row) };
  const db = {
    getRepository: repositories,
    transaction: async (work: (tx: unknown) => Promise<void>) => work({ getRepository: repositories }),
  } as unknown as DataSource;
  const sut = (nodeEnv: string, smtp?: string) =>
    new PasswordResetService(
      db,
      loadConfig({
        NODE_ENV: nodeEnv,
        JWT_SECRET: randomBytes(48).toString('base64'),
        RECORD_SIGNING_KEY,
        PUBLIC_URL: 'https://rostrum.example',
        ...(smtp ? { SMTP_URL: smtp, MAIL_FROM: 'Rostrum <no-reply@rostrum.example>' } : {}),
      }),
      {} as PasswordService,
      {} as SessionService,
      {
        isOn: !!smtp,
        queuePasswordReset: async (_user: unknown, link: string, _tx: unknown, language: unknown) =>
          void queued.push({ link, language }),
      } as unknown as MailOutboxService,
    );
  let warn: jest.SpyInstance;

  beforeEach(() => {
    inserted.length = 0;
    queued.length = 0;
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('should log the reset link at warn level in development while mail is off, storing only the token hash', async () => {
    await sut('development').request('known@example.org');
    expect(warn).toHaveBeenCalledTimes(1);
    const [line] = warn.mock.calls[0] as [string];
    const token = /^.*https:\/\/rostrum\.example\/reset-password\?token=([\w-]+)$/.exec(line)?.[1];
    expect(token).toBeDefined();
    expect(inserted).toEqual([
      expect.objectContaining({ userId: 'u1', tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect(JSON.stringify(inserted)).not.toContain(token);
  });

  it('should queue the mail with a PUBLIC_URL link in the asked language, and log nothing, when mail is on', async () => {
    await sut('development', 'smtp://127.0.0.1:2525').request('known@example.org', 'fr');
    expect(queued).toEqual([
      {
        link: expect.stringMatching(/^https:\/\/rostrum\.example\/reset-password\?token=[\w-]+$/),
        language: 'fr',
      },
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('should never log the link in production (nor in tests)', async () => {
    for (const env of ['production', 'test']) await sut(env).request('known@example.org');
    expect(inserted).toHaveLength(2);
    expect(warn).not.toHaveBeenCalled();
  });

  it('should issue nothing for an address without an account', async () => {
    await sut('development').request('unknown@example.org');
    expect(inserted).toEqual([]);
    expect(queued).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});
