import { MAIL_OFF_ERROR, type MailStatus, type MailView } from '@rostrum/contracts';
import { apiRequest } from '../api/http-client';

export const MAIL_PAGE_SIZE = 50;

/** GET /api/mail: one page of the outbox, newest first (staff, admins). */
export const listMail = (status: MailStatus | '', offset: number): Promise<MailView[]> => {
  const params = new URLSearchParams({ limit: String(MAIL_PAGE_SIZE), offset: String(offset) });
  if (status) params.set('status', status);
  return apiRequest<MailView[]>('GET', `/mail?${params.toString()}`);
};

/** A mail recorded while mail was off: shown as such, in the reader's language, not as a relay's error. */
export const isMailOff = (mail: MailView) => mail.lastError === MAIL_OFF_ERROR;
