import { MAIL_STATUSES, type MailStatus, type MailView } from '@rostrum/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../ui/error-message';
import { formatZonedDateTime, visitorZone } from '../ui/time-zone';
import { usePageTitle } from '../ui/page-title';
import { useLoad } from '../ui/use-load';
import { isMailOff, listMail, MAIL_PAGE_SIZE } from './mail-outbox-api';

const BADGE: Record<MailStatus, string> = { queued: 'processing', sent: 'ready', failed: 'failed' };

/** Staff: the mail outbox — what was sent, what waits, and why a failure failed. */
export function MailOutboxPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('mailOutbox.title'));
  const [status, setStatus] = useState<MailStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const mails = useLoad(() => listMail(status, offset), [status, offset]);
  const list = mails.data ?? [];

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('mailOutbox.title')}</h1>
      </header>
      <p>{t('mailOutbox.intro')}</p>
      <div className="card filters">
        <label className="field">
          <span className="field__label">{t('mailOutbox.status')}</span>
          <select
            value={status}
            data-testid="mail-status-filter"
            onChange={(e) => {
              setStatus(e.target.value as MailStatus | '');
              setOffset(0);
            }}
          >
            <option value="">{t('mailOutbox.all')}</option>
            {MAIL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`mailOutbox.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorText error={mails.error} />
      {mails.data && list.length === 0 ? <p className="card empty-state">{t('mailOutbox.empty')}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="mail-table">
            <thead>
              <tr>
                {/* Status first: on a phone the table scrolls sideways, and the status is what staff look for. */}
                <th scope="col">{t('mailOutbox.status')}</th>
                <th scope="col">{t('mailOutbox.to')}</th>
                <th scope="col">{t('mailOutbox.subject')}</th>
                <th scope="col">{t('mailOutbox.kindColumn')}</th>
                <th scope="col">{t('mailOutbox.attempts')}</th>
                <th scope="col">{t('mailOutbox.createdAt')}</th>
                <th scope="col">{t('mailOutbox.sentAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <MailRow key={m.id} mail={m} language={i18n.language} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {offset > 0 || list.length === MAIL_PAGE_SIZE ? (
        <nav className="button-row" aria-label={t('mailOutbox.title')}>
          <button
            type="button"
            className="btn"
            disabled={offset === 0}
            onClick={() => setOffset((o) => Math.max(0, o - MAIL_PAGE_SIZE))}
          >
            {t('mailOutbox.previous')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={list.length < MAIL_PAGE_SIZE}
            onClick={() => setOffset((o) => o + MAIL_PAGE_SIZE)}
          >
            {t('mailOutbox.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function MailRow({ mail, language }: { mail: MailView; language: string }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="mail-row">
      <td>
        <span className={`badge badge--rec badge--rec-${BADGE[mail.status]}`} data-testid="mail-status">
          {t(`mailOutbox.statuses.${mail.status}`)}
        </span>
      </td>
      <td>
        <span className="code">{mail.to}</span>
      </td>
      <td>
        {mail.subject}
        {mail.lastError ? (
          <p className="error-text" data-testid="mail-reason">
            <span className="visually-hidden">{t('mailOutbox.reason')}: </span>
            {isMailOff(mail) ? t('mailOutbox.mailOff') : mail.lastError}
          </p>
        ) : null}
      </td>
      <td>{t(`mailOutbox.kinds.${mail.kind}`)}</td>
      <td>{mail.attempts}</td>
      <td>{formatZonedDateTime(mail.createdAt, language, visitorZone())}</td>
      <td>{mail.sentAt ? formatZonedDateTime(mail.sentAt, language, visitorZone()) : '—'}</td>
    </tr>
  );
}
