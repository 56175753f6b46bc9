import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { MAIL_OFF_ERROR } from '@rostrum/contracts';
import { MailOutboxEntity } from '@rostrum/database';
import { MailTransport } from './mail-transport';

export type SendOutcome =
  | 'sent'
  /** The row is sent or failed already: a late or duplicate job, which does nothing. */
  | 'already-done'
  /** Another worker holds the row (it is sending it right now). */
  | 'busy'
  | 'no-such-mail'
  | 'mail-off';

/** An attempt the relay refused or that broke off; `permanent`: the relay said no for good (5xx). */
export class MailAttemptError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailAttemptError';
  }
}

/** SMTP codes that mean "this mail will never be accepted", as opposed to the relay's configuration (auth). */
const isPermanent = (code: number | undefined) =>
  code !== undefined && code >= 500 && code < 600 && ![530, 534, 535, 538].includes(code);

/**
 * Sends one outbox row, at most once per successful attempt. The row is locked (`FOR UPDATE SKIP LOCKED`)
 * for the whole SMTP exchange and marked `sent` in the same transaction, so:
 * - a duplicate or late job finds it sent (or locked by the worker sending it) and does nothing;
 * - a worker killed mid-send drops its connection, the lock goes with it, and the next attempt sends again
 *   with the same Message-ID. Only a kill *between* the relay's 250 and the COMMIT makes a second copy
 *   (at-least-once; the Message-ID lets the relay or the reader recognise it).
 */
@Injectable()
export class MailSenderService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transport: MailTransport,
  ) {}

  /** `lastAttempt`: a failure now leaves the row `failed` instead of `queued` for the next retry. */
  async send(outboxId: string, lastAttempt: boolean): Promise<SendOutcome> {
    // A failed attempt is written (attempts, lastError) and committed; only then is it thrown, for BullMQ to retry.
    const outcome = await this.db.transaction(async (tx): Promise<SendOutcome | MailAttemptError> => {
      const [row] = await tx
        .getRepository(MailOutboxEntity)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('m.id = :outboxId', { outboxId })
        .getMany();
      if (!row) {
        const exists = await tx.getRepository(MailOutboxEntity).existsBy({ id: outboxId });
        return exists ? 'busy' : 'no-such-mail';
      }
      if (row.status !== 'queued') return 'already-done';
      if (!this.transport.isOn) {
        await this.finish(tx, outboxId, { status: 'failed', lastError: MAIL_OFF_ERROR });
        return 'mail-off';
      }
      const attempts = row.attempts + 1;
      try {
        await this.transport.send({
          from: this.config.mail.from,
          to: row.to,
          subject: row.subject,
          text: row.text ?? '',
          html: row.html ?? undefined,
          messageId: row.messageId,
          attachments: (row.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
          headers: { 'Content-Language': row.language },
        });
      } catch (err) {
        const failure = attemptError(err);
        const final = lastAttempt || failure.permanent;
        await tx
          .getRepository(MailOutboxEntity)
          .update(outboxId, { attempts, lastError: failure.message, status: final ? 'failed' : 'queued' });
        if (final) await this.finish(tx, outboxId, {});
        return failure;
      }
      await this.finish(tx, outboxId, { status: 'sent', sentAt: new Date(), attempts, lastError: null });
      return 'sent';
    });
    if (outcome instanceof MailAttemptError) throw outcome;
    return outcome;
  }

  /** Marks a row failed if it is still queued (a job BullMQ gave up on outside `send`). */
  async markFailed(outboxId: string, reason: string): Promise<void> {
    await this.db
      .getRepository(MailOutboxEntity)
      .update(
        { id: outboxId, status: 'queued' },
        { status: 'failed', lastError: reason, text: null, html: null, attachments: null },
      );
  }

  /** A row done with (sent, or failed for good) keeps no body: it holds a secret stored nowhere else in clear. */
  private finish(tx: EntityManager, outboxId: string, fields: Partial<MailOutboxEntity>) {
    return tx
      .getRepository(MailOutboxEntity)
      .update(outboxId, { ...fields, text: null, html: null, attachments: null });
  }
}

function attemptError(err: unknown): MailAttemptError {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const said = e.response ?? e.message ?? String(err);
  const message = [e.code, said].filter(Boolean).join(': ').slice(0, 1000);
  return new MailAttemptError(message, isPermanent(e.responseCode));
}
