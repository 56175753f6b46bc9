import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { PasswordResetEntity, UserEntity } from '@rostrum/database';
import { AppError } from '../common/app-error';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { PasswordService } from './password.service';
import { SessionService } from './session.service';

const RESET_VALID_MS = 60 * 60_000;
const resetExpired = () =>
  new AppError('RESET_EXPIRED', 'This reset link was already used or has expired; ask for a new one');

/**
 * Password reset by a single-use link, valid 60 minutes; only the token's hash is stored. The link goes out
 * by mail through the outbox (written in the same transaction as the reset row). With mail off (no
 * SMTP_URL) the link is logged at warn in development only, so a developer can still follow it; never
 * elsewhere, since the log would then hold a working token.
 */
@Injectable()
export class PasswordResetService {
  private readonly log = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly mailOutbox: MailOutboxService,
  ) {}

  /**
   * The caller answers at once, without awaiting this, whether or not the address has an account (the work
   * happens after), so neither the answer nor its timing tells. Never rejects.
   */
  request(email: string, language?: string | null): Promise<void> {
    return this.issueFor(email, language)
      .then((token) => {
        if (token && !this.mailOutbox.isOn) this.logForDevelopment(token);
      })
      .catch((err: Error) => this.log.error({ err: err.message }, 'password reset not issued'));
  }

  /**
   * A reset token for the active account with this email (null when there is none), and its mail queued.
   * The link is built from PUBLIC_URL, never from the request's Host header, which a caller could forge
   * to have someone else's reset link point at their own site.
   */
  async issueFor(email: string, language?: string | null): Promise<string | null> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ email, active: true });
    if (!user) return null;
    const token = newSecretToken();
    await this.db.transaction(async (tx) => {
      await tx.getRepository(PasswordResetEntity).insert({
        userId: user.id,
        tokenHash: hashSecretToken(token),
        expiresAt: new Date(Date.now() + RESET_VALID_MS),
      });
      await this.mailOutbox.queuePasswordReset(user, this.linkFor(token), tx, language);
    });
    return token;
  }

  /** Sets the password, uses up every open reset link of the user and revokes their tokens. */
  async confirm(token: string, password: string): Promise<void> {
    const tokenHash = hashSecretToken(token);
    const resets = this.db.getRepository(PasswordResetEntity);
    if (!(await resets.existsBy({ tokenHash, usedAt: IsNull() }))) throw resetExpired();
    const passwordHash = await this.passwords.hash(password);
    await this.db.transaction(async (tx) => {
      const reset = await tx
        .getRepository(PasswordResetEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.token_hash = :tokenHash', { tokenHash })
        .getOne();
      if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) throw resetExpired();
      await tx.getRepository(UserEntity).update(reset.userId, { passwordHash });
      await tx
        .getRepository(PasswordResetEntity)
        .update({ userId: reset.userId, usedAt: IsNull() }, { usedAt: new Date() });
      await this.sessions.revokeAll(reset.userId, tx);
    });
  }

  private linkFor(token: string): string {
    return `${this.config.mail.publicUrl}/reset-password?token=${token}`;
  }

  private logForDevelopment(token: string): void {
    if (this.config.nodeEnv !== 'development') return;
    this.log.warn(`password reset link (development only, mail is off): ${this.linkFor(token)}`);
  }
}
