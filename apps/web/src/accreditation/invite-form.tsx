import { INVITABLE_ROLES, type DelegationView, type InvitableRole } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  accreditation,
  type AccreditedEvent,
  type InvitationInput,
  type IssuedInvitation,
  type MailLanguage,
} from '../api/accreditation';
import { ApiError } from '../api/http-client';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { useAction } from '../ui/use-action';
import { IssuedLink } from './invitation-pieces';

const MAIL_LANGUAGES: MailLanguage[] = ['en', 'fr', 'zh'];

/**
 * One invitation. Staff choose the role, event, delegation and focal point; a focal point invites delegates
 * of their own delegation to one event (`fixed`). With an email, "send by mail" queues the invitation mail;
 * the link is shown once either way.
 */
export function InviteForm({
  events,
  delegations,
  fixed,
  onInvited,
}: {
  events: AccreditedEvent[];
  delegations: DelegationView[];
  fixed?: { eventId: string; delegationId: string };
  onInvited(invitation: IssuedInvitation): void;
}) {
  const { t, i18n } = useTranslation();
  const [role, setRole] = useState<InvitableRole>('delegate');
  const [eventId, setEventId] = useState('');
  const [delegationId, setDelegationId] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<MailLanguage>(
    (MAIL_LANGUAGES as string[]).includes(i18n.language) ? (i18n.language as MailLanguage) : 'en',
  );
  const [focalPoint, setFocalPoint] = useState(false);
  const [send, setSend] = useState(true);
  const { busy, error, run } = useAction();
  const [issued, setIssued] = useState<{ invitation: IssuedInvitation; mailed: boolean } | null>(null);
  const isDelegate = fixed ? true : role === 'delegate';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mailed = send && !!email.trim();
    const body: InvitationInput = {
      role: fixed ? 'delegate' : role,
      ...(fixed ? fixed : {}),
      ...(!fixed && eventId ? { eventId } : {}),
      ...(!fixed && isDelegate ? { delegationId } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
      language,
      ...(!fixed && isDelegate && focalPoint ? { focalPoint: true } : {}),
      ...(mailed ? { send: true } : {}),
    };
    const invitation = await run(() => accreditation.invite(body));
    if (!invitation) return;
    setIssued({ invitation, mailed });
    setEmail('');
    setName('');
    setFocalPoint(false);
    onInvited(invitation);
  };
  const quotaExceeded = error instanceof ApiError && error.code === 'QUOTA_EXCEEDED';

  return (
    <form className="card form form--grid" onSubmit={submit} aria-busy={busy} data-testid="invitation-form">
      {!fixed ? (
        <>
          <Field label={t('invitations.role')}>
            <select value={role} onChange={(e) => setRole(e.target.value as InvitableRole)}>
              {INVITABLE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('invitationList.event')}
            hint={isDelegate ? t('invitationList.eventRequired') : undefined}
          >
            <select required={isDelegate} value={eventId} onChange={(e) => setEventId(e.target.value)}>
              <option value="">{t('invitationList.chooseEvent')}</option>
              {events.map((ev) => (
                <option key={ev.id} value={ev.id}>
                  {ev.title}
                </option>
              ))}
            </select>
          </Field>
          {isDelegate ? (
            <>
              <Field label={t('invitations.delegation')}>
                <select required value={delegationId} onChange={(e) => setDelegationId(e.target.value)}>
                  <option value="">{t('invitations.chooseDelegation')}</option>
                  {delegations.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name} ({d.code})
                    </option>
                  ))}
                </select>
              </Field>
              <label className="check check--field">
                <input
                  type="checkbox"
                  checked={focalPoint}
                  onChange={(e) => setFocalPoint(e.target.checked)}
                />
                {t('invitationList.focalPoint')}
              </label>
            </>
          ) : null}
        </>
      ) : null}
      <Field label={t('invitationList.name')}>
        <input maxLength={200} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('invitations.email')} hint={t('invitations.emailHint')}>
        <input type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label={t('invitationList.language')}>
        <select value={language} onChange={(e) => setLanguage(e.target.value as MailLanguage)}>
          {MAIL_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t(`languages.${code}`)}
            </option>
          ))}
        </select>
      </Field>
      <label className="check check--field">
        <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} />
        {t('invitationList.sendByMail')}
      </label>
      <div className="span-2 form__footer">
        {quotaExceeded ? (
          <p className="notice notice--error" role="alert" data-testid="quota-exceeded">
            <strong>{t('errors.QUOTA_EXCEEDED')}</strong> {t('focal.quotaHelp')}
          </p>
        ) : (
          <ErrorText error={error} />
        )}
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('invitations.create')}
        </button>
      </div>
      {issued ? (
        <div className="span-2">
          <IssuedLink invitation={issued.invitation} mailed={issued.mailed} />
        </div>
      ) : null}
    </form>
  );
}
