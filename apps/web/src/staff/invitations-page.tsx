import { INVITABLE_ROLES, type InvitableRole } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rest, type InvitationView } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { formatDateTime } from '../ui/format';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';

/**
 * Staff: invite someone for a role (delegates for a delegation) and copy the registration link. The API has
 * no route listing invitations, so this page lists those created in this browser session.
 */
export function InvitationsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('invitations.title'));
  const delegations = useLoad(() => rest.delegations(), []);
  const [role, setRole] = useState<InvitableRole>('delegate');
  const [delegationId, setDelegationId] = useState('');
  const [email, setEmail] = useState('');
  const { busy, error, run } = useAction();
  const [created, setCreated] = useState<InvitationView[]>(() => loadSession());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invitation = await run(() =>
      rest.createInvitation({
        role,
        ...(role === 'delegate' ? { delegationId } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
      }),
    );
    if (!invitation) return;
    const next = [invitation, ...created];
    setCreated(next);
    saveSession(next);
    setEmail('');
  };

  const delegationName = (id: string | null) => delegations.data?.find((d) => d.id === id)?.name ?? '';

  return (
    <section className="page page--medium">
      <h1>{t('invitations.title')}</h1>
      <p className="lead">{t('invitations.lead')}</p>
      <form className="card form form--grid" onSubmit={submit} aria-busy={busy} data-testid="invitation-form">
        <Field label={t('invitations.role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as InvitableRole)}>
            {INVITABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'delegate' ? (
          <Field label={t('invitations.delegation')}>
            <select required value={delegationId} onChange={(e) => setDelegationId(e.target.value)}>
              <option value="">{t('invitations.chooseDelegation')}</option>
              {(delegations.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.code})
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <div />
        )}
        <Field label={t('invitations.email')} hint={t('invitations.emailHint')} className="span-2">
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <div className="span-2 form__footer">
          <ErrorText error={error ?? delegations.error} />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('invitations.create')}
          </button>
        </div>
      </form>

      {created.length > 0 ? (
        <section className="card" aria-labelledby="created-invitations">
          <h2 id="created-invitations">{t('invitations.created')}</h2>
          <ul className="invitation-list">
            {created.map((inv) => (
              <InvitationRow
                key={inv.id}
                invitation={inv}
                detail={`${t(`roles.${inv.role}`)}${inv.delegationId ? ` · ${delegationName(inv.delegationId)}` : ''}${inv.email ? ` · ${inv.email}` : ''}`}
                expires={formatDateTime(inv.expiresAt, i18n.language)}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

function InvitationRow({
  invitation,
  detail,
  expires,
}: {
  invitation: InvitationView;
  detail: string;
  expires: string;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}/register?code=${encodeURIComponent(invitation.code)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard access (http, permissions): the link is selectable in its field
    }
  };
  return (
    <li className="invitation" data-testid="invitation">
      <p className="invitation__detail">
        <strong>{detail}</strong>{' '}
        <span className="muted">· {t('invitations.expires', { date: expires })}</span>
      </p>
      <div className="inline">
        <label className="visually-hidden" htmlFor={`link-${invitation.id}`}>
          {t('invitations.link')}
        </label>
        <input
          id={`link-${invitation.id}`}
          className="invitation__link"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="invitation-link"
        />
        <button type="button" className="btn" onClick={copy}>
          {copied ? t('invitations.copied') : t('invitations.copy')}
        </button>
      </div>
    </li>
  );
}

const SESSION_KEY = 'rostrum.invitations';
function loadSession(): InvitationView[] {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? '[]') as InvitationView[];
  } catch {
    return [];
  }
}
function saveSession(list: InvitationView[]): void {
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(list.slice(0, 50)));
  } catch {
    // storage disabled: the list lasts until reload
  }
}
