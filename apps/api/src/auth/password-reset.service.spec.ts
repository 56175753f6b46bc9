import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '@rostrum/config';
import { UserEntity } from '@rostrum/database';
import { PasswordResetService } from './password-reset.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';

/** Production refuses a published secret and wants a signing key: both made for this run. */
const RECORD_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

describe('PasswordResetService.request', () => {
  const inserted: unknown[] = [];
  const db = {
    getRepository: (entity: unknown) =>
      entity === UserEntity
        ? {
            findOneBy: async ({ email }: { email: string }) =>
              email === 'known@example.org' ? { id: 'u1' } : null,
          }
        : { insert: async (row: unknown) => void inserted.push(row) },
  } as unknown as DataSource;
  const sut = (nodeEnv: string) =>
    new PasswordResetService(
      db,
      loadConfig({ NODE_ENV: nodeEnv, JWT_SECRET: randomBytes(48).toString('base64'), RECORD_SIGNING_KEY }),
      {} as PasswordService,
      {} as SessionService,
    );
  let warn: jest.SpyInstance;

  beforeEach(() => {
    inserted.length = 0;
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('should log the reset link at warn level in development, storing only the token hash', async () => {
    await sut('development').request('known@example.org', 'http://localhost:3000');
    expect(warn).toHaveBeenCalledTimes(1);
    const [line] = warn.mock.calls[0] as [string];
    const token = /reset-password\?token=([\w-]+)$/.exec(line)?.[1];
    expect(token).toBeDefined();
    expect(inserted).toEqual([
      expect.objectContaining({ userId: 'u1', tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    expect(JSON.stringify(inserted)).not.toContain(token);
  });

  it('should never log the link in production (nor in tests)', async () => {
    for (const env of ['production', 'test'])
      await sut(env).request('known@example.org', 'https://rostrum.example');
    expect(inserted).toHaveLength(2);
    expect(warn).not.toHaveBeenCalled();
  });

  it('should issue nothing for an address without an account', async () => {
    await sut('development').request('unknown@example.org', 'http://localhost:3000');
    expect(inserted).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});
