import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import {
  InvitableRole,
  MAIL_LANGUAGES,
  MAIL_OFF_ERROR,
  MailKind,
  MailLanguage,
  QUEUES,
  SendMailJob,
} from '@rostrum/contracts';
import { enqueueMail, MailOutboxEntity } from '@rostrum/database';
import { AfterCommit } from './after-commit';

import { renderInvitationMail } from './templates/invitation-mail';
import { RenderedMail } from './templates/mail-layout';
import { renderPasswordResetMail } from './templates/password-reset-mail';

/**
 * What the invitation mail reads from an invitation. `InvitationEntity` fits; `eventId`, `name` and
 * `language` are optional so this compiles before and after the accreditation columns land.
 */
export interface InvitationForMail {
  id: string;
  role: InvitableRole;
  email: string | null;
  delegationId: string | null;
  expiresAt: Date;
  eventId?: string | null;
  name?: string | null;
  language?: string | null;
}

/** Enough of an account to write to it. */
export interface MailRecipient {
  id: string;
  email: string;
  name: string;
}

/**
 * The mail outbox. Every mail Rostrum sends is written here as a row (rendered in the recipient's language),
 * then sent by the worker from the BullMQ queue `mail`, with retries (docs/mail.md).
 *
 * How to call it, from any service of the API (import `MailModule`, inject `MailOutboxService`):
 *
 * ```ts
 * await this.db.transaction(async (tx) => {
 *   const invitation = await tx.getRepository(InvitationEntity).save({ ... });
 *   await this.mailOutbox.queueInvitation(invitation, code, tx);
 * });
 * ```
 *
 * - Pass the transaction's manager: the row is written in that transaction (it exists if and only if the
 *   invitation does) and the job is queued only after COMMIT. Without a manager it is written at once.
 * - `code` is the invitation's plain code (the link is `PUBLIC_URL/register?code=…`); it is kept only in the
 *   mail body, which the worker drops once the relay has accepted the mail.
 * - The invitation must have an `email`. Language: the invitation's, else the event's first, else `en`.
 * - Resend: call it again with the new code; each call is a new mail (its own row and Message-ID).
 * - Mail off (no SMTP_URL): the row is recorded as `failed` with `lastError` = `MAIL_OFF_ERROR`, no job.
 * - Answers the outbox row's id.
 */
@Injectable()
export class MailOutboxService {
  private readonly log = new Logger(MailOutboxService.name);
  private readonly afterCommit: AfterCommit;
  private readonly readsByManager = new WeakMap<EntityManager, Map<string, Promise<unknown>>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.mail) private readonly queue: Queue<SendMailJob>,
  ) {
    this.afterCommit = AfterCommit.attach(db);
  }

  /** Whether mails are handed to a relay (SMTP_URL set); when not, callers show links to copy instead. */
  get isOn(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /** The invitation mail, in the invitee's language, with the programme attached. */
  async queueInvitation(
    invitation: InvitationForMail,
    code: string,
    manager?: EntityManager,
  ): Promise<string> {
    if (!invitation.email) throw new Error('queueInvitation: the invitation has no email address');
    const m = manager ?? this.db.manager;
    const event = invitation.eventId
      ? await this.readOnce(manager, `event:${invitation.eventId}`, () => readEvent(m, invitation.eventId!))
      : null;
    const panels = event
      ? await this.readOnce(manager, `panels:${event.id}`, () => readProgramme(m, event.id))
      : [];
    const delegation = invitation.delegationId
      ? await this.readOnce(manager, `delegation:${invitation.delegationId}`, () =>
          readDelegationName(m, invitation.delegationId!),
        )
      : null;
    const language = mailLanguage(invitation.language, event?.languages[0]);
    const link = `${this.config.mail.publicUrl}/register?code=${encodeURIComponent(code)}`;
    const mail = renderInvitationMail({
      language,
      name: invitation.name ?? null,
      role: invitation.role,
      delegation,
      event,
      panels,
      link,
      expiresAt: invitation.expiresAt,
      publicHost: this.publicHost,
    });
    return this.queue_(
      { kind: 'invitation', to: invitation.email, language, invitationId: invitation.id },
      mail,
      manager,
    );
  }

  /** The password-reset mail with its single-use link (built by the caller from PUBLIC_URL). */
  queuePasswordReset(
    user: MailRecipient,
    link: string,
    manager?: EntityManager,
    language?: string | null,
  ): Promise<string> {
    const lang = mailLanguage(language);
    const mail = renderPasswordResetMail({ language: lang, name: user.name, link });
    return this.queue_(
      { kind: 'password_reset', to: user.email, language: lang, userId: user.id },
      mail,
      manager,
    );
  }

  /**
   * Within one transaction (a bulk import queues thousands of invitations to one event), the event, its
   * programme and each delegation are read once. Outside a transaction, every call reads afresh.
   */
  private readOnce<T>(manager: EntityManager | undefined, key: string, read: () => Promise<T>): Promise<T> {
    if (!manager?.queryRunner?.isTransactionActive) return read();
    const reads = this.readsByManager.get(manager) ?? new Map<string, Promise<unknown>>();
    this.readsByManager.set(manager, reads);
    if (!reads.has(key)) reads.set(key, read());
    return reads.get(key) as Promise<T>;
  }

  private get publicHost(): string {
    return new URL(this.config.mail.publicUrl).hostname;
  }

  /** Writes the row (in the caller's transaction if any) and queues its job once that has committed. */
  private async queue_(
    about: { kind: MailKind; to: string; language: MailLanguage; invitationId?: string; userId?: string },
    mail: RenderedMail,
    manager?: EntityManager,
  ): Promise<string> {
    const id = randomUUID();
    const on = this.isOn;
    const row: Partial<MailOutboxEntity> = {
      id,
      kind: about.kind,
      to: about.to,
      language: about.language,
      subject: mail.subject.slice(0, 500),
      // Mail off: the body (and the secret in its link) is never kept, since nothing will send it.
      text: on ? mail.text : null,
      html: on ? mail.html : null,
      attachments: on && mail.attachments.length ? mail.attachments : null,
      messageId: `<${id}@${this.publicHost}>`,
      status: on ? 'queued' : 'failed',
      lastError: on ? null : MAIL_OFF_ERROR,
      invitationId: about.invitationId ?? null,
      userId: about.userId ?? null,
    };
    await (manager ?? this.db.manager).getRepository(MailOutboxEntity).insert(row);
    if (on) this.afterCommit.run(manager, () => this.enqueue(id));
    return id;
  }

  /** Not awaited by the caller's transaction: Redis away delays the mail (the worker's sweep re-queues it), never the answer. */
  private enqueue(outboxId: string): void {
    enqueueMail(this.queue, this.config.mail, outboxId).catch((err: Error) =>
      this.log.warn({ outboxId, err: err.message }, 'mail job not queued; the worker sweep will queue it'),
    );
  }
}

/** The invitation's language, else the event's first, else English; anything unknown counts as missing. */
export function mailLanguage(...choices: (string | null | undefined)[]): MailLanguage {
  const known = choices.find((c): c is MailLanguage => MAIL_LANGUAGES.includes(c as MailLanguage));
  return known ?? 'en';
}

type ProgrammePanelRow = {
  id: string;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
};

const readProgramme = (manager: EntityManager, eventId: string) =>
  manager.query<ProgrammePanelRow[]>(
    `SELECT id, title, description, starts_at AS "startsAt", ends_at AS "endsAt"
       FROM panels WHERE event_id = $1 ORDER BY starts_at, title`,
    [eventId],
  );

const readDelegationName = async (manager: EntityManager, delegationId: string) =>
  (await manager.query<{ name: string }[]>('SELECT name FROM delegations WHERE id = $1', [delegationId]))[0]
    ?.name ?? null;

interface EventForMail {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  languages: string[];
  timezone: string | null;
}

/**
 * The event, read as JSON so a column added by the accreditation migration (`timezone`) is used when it is
 * there and read as missing (UTC) when it is not yet.
 */
async function readEvent(manager: EntityManager, eventId: string): Promise<EventForMail | null> {
  const [found] = await manager.query<{ row: Record<string, unknown> }[]>(
    'SELECT to_jsonb(e) AS row FROM events e WHERE e.id = $1',
    [eventId],
  );
  if (!found) return null;
  const e = found.row;
  return {
    id: String(e.id),
    title: String(e.title),
    startsAt: new Date(String(e.starts_at)),
    endsAt: new Date(String(e.ends_at)),
    languages: Array.isArray(e.languages) ? e.languages.map(String) : [],
    timezone: typeof e.timezone === 'string' ? e.timezone : null,
  };
}
