import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { MAIL_KINDS, MAIL_STATUSES, MailKind, MailStatus } from '@rostrum/contracts';
import { numberTransformer, oneOf } from './columns';

/** A file attached to a mail, stored as text (the programme's iCalendar file). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * One mail, written in the same transaction as what it tells about (an invitation, a reset link) and sent
 * by the worker from the `mail` queue. The body is rendered when the row is written and dropped once the
 * relay accepts it: it holds a secret (the invitation code, the reset token) the database otherwise keeps
 * only hashed.
 */
@Entity('mail_outbox')
@Check('CHK_mail_outbox_kind', oneOf('kind', MAIL_KINDS))
@Check('CHK_mail_outbox_status', oneOf('status', MAIL_STATUSES))
@Index('IDX_mail_outbox_status_created', ['status', 'createdAt'])
@Index('IDX_mail_outbox_invitation', ['invitationId'])
export class MailOutboxEntity {
  /** Chosen by the writer, so the Message-ID can be derived from it in the same INSERT. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  kind: MailKind;

  @Column({ name: 'to_address', type: 'varchar', length: 320 })
  to: string;

  @Column({ type: 'varchar', length: 5 })
  language: string;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  /** The plain-text and HTML bodies; null once sent (or never sendable: mail off). */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'jsonb', nullable: true })
  attachments: MailAttachment[] | null;

  /** `<id@public-host>`: every attempt carries the same one, so a relay or reader can spot a repeat. */
  @Column({ type: 'varchar', length: 255, unique: true })
  messageId: string;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: MailStatus;

  /** SMTP attempts made (each an SMTP transaction that was started). */
  @Column({ type: 'integer', default: 0, transformer: numberTransformer })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** What the mail is about, for the invitation lists (null for other kinds, or once the invitation is gone). */
  @Column({ type: 'uuid', nullable: true })
  invitationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
