/** A mail of the outbox: queued until the worker's SMTP relay accepts it (sent), or given up on (failed). */
export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const MAIL_KINDS = ['invitation', 'password_reset'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The languages mails are written in (CONTRACT.md, "Mail"). */
export const MAIL_LANGUAGES = ['en', 'fr', 'zh'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/** `lastError` of a mail recorded while mail is off (no SMTP_URL): it was never handed to a relay. */
export const MAIL_OFF_ERROR = 'MAIL_OFF: SMTP_URL is not set; this mail was recorded but not sent';

/** One row of `GET /api/mail` (staff, admins): never the body, which holds the link's secret. */
export interface MailView {
  id: string;
  kind: MailKind;
  to: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
