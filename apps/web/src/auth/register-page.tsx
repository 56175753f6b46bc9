import type { InvitationLookup } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { ApiError } from '../api/http-client';
import { zoneOf } from '../ui/time-zone';
import { ZonedDateTime, ZonedSlot } from '../ui/zoned-time';
import { useAuth } from './auth-context';
import { MIN_PASSWORD } from './password-pages';

/**
 * Registration from an invitation link (/register?code=…): first what the invitation is for (role,
 * delegation, the invited email), then the account form. The code stays out of sight; without a link, the
 * person types it in once to look the invitation up.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.registerTitle'));
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';

  if (user) return <Navigate to="/" replace />;
  return (
    <section className="page page--narrow">
      <h1>{t('auth.registerTitle')}</h1>
      {code ? (
        <Invitation code={code} />
      ) : (
        <CodeForm onCode={(typed) => setParams({ code: typed }, { replace: true })} />
      )}
    </section>
  );
}

function CodeForm({ onCode }: { onCode(code: string): void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  return (
    <>
      <p className="lead">{t('account.codeLead')}</p>
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) onCode(typed.trim());
        }}
      >
        <Field label={t('auth.invitationCode')}>
          <input required value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </Field>
        <button type="submit" className="btn btn--primary btn--block">
          {t('account.codeSubmit')}
        </button>
      </form>
    </>
  );
}

type Lookup = InvitationLookup;

/** The code of the notice shown instead of the form, for an invitation that can no longer be used. */
const UNUSABLE: Record<string, string> = {
  used: 'INVITATION_USED',
  expired: 'INVITATION_EXPIRED',
  revoked: 'INVITATION_REVOKED',
};

function Invitation({ code }: { code: string }) {
  const { t } = useTranslation();
  const invitation = useLoad<Lookup>(() => rest.invitation(code), [code]);
  if (invitation.loading) return <p className="loading">{t('common.loading')}</p>;
  if (!invitation.data) {
    const errorCode = invitation.error instanceof ApiError ? invitation.error.code : null;
    if (errorCode === 'NOT_FOUND') {
      return (
        <p className="notice notice--error" role="alert" data-testid="invitation-unusable">
          {t('account.invitationUnknown')}
        </p>
      );
    }
    const unusable = errorCode && Object.values(UNUSABLE).includes(errorCode);
    return unusable ? <Unusable code={errorCode} /> : <ErrorText error={invitation.error} />;
  }
  const { status } = invitation.data;
  return (
    <>
      <InvitationSummary invitation={invitation.data} />
      {status === 'pending' ? (
        <AccountForm code={code} invitation={invitation.data} />
      ) : (
        <Unusable code={UNUSABLE[status] ?? 'INVITATION_EXPIRED'} />
      )}
    </>
  );
}

/** Why the invitation cannot be used (the texts of expired and withdrawn ones say whom to ask). */
function Unusable({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice--error" role="alert" data-testid="invitation-unusable">
      {t(`errors.${code}`)}
    </p>
  );
}

function InvitationSummary({ invitation }: { invitation: Lookup }) {
  const { t } = useTranslation();
  const { role, delegation, email, expiresAt, event } = invitation;
  const zone = event ? zoneOf(event) : null;
  return (
    <div className="card" data-testid="invitation-summary">
      <p className="lead">{t('account.invitedAs', { role: t(`roles.${role}`) })}</p>
      <dl className="details">
        {event ? (
          <>
            <dt>{t('registerInvite.event')}</dt>
            <dd data-testid="invitation-event">
              <strong>{event.title}</strong>
              <br />
              <ZonedSlot startsAt={event.startsAt} endsAt={event.endsAt} zone={zone} />
            </dd>
          </>
        ) : null}
        <dt>{t('registerInvite.role')}</dt>
        <dd>{t(`roles.${role}`)}</dd>
        {delegation ? (
          <>
            <dt>{t('account.delegation')}</dt>
            <dd>
              {delegation.name} ({delegation.code})
            </dd>
          </>
        ) : null}
        {email ? (
          <>
            <dt>{t('auth.email')}</dt>
            <dd>{email}</dd>
          </>
        ) : null}
        <dt>{t('account.validUntil')}</dt>
        <dd>
          <ZonedDateTime iso={expiresAt} zone={zone} />
        </dd>
      </dl>
    </div>
  );
}

function AccountForm({ code, invitation }: { code: string; invitation: Lookup }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [name, setName] = useState(invitation.name ?? '');
  const [email, setEmail] = useState(invitation.email ?? '');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await run(() => rest.register({ invitationCode: code, name, email, password }));
    if (answer) signIn(answer);
  };

  return (
    <form className="card form" onSubmit={submit} aria-busy={busy}>
      <Field label={t('auth.name')}>
        <input required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('auth.email')} hint={invitation.email ? t('account.emailFixed') : undefined}>
        <input
          type="email"
          required
          autoComplete="email"
          value={email}
          readOnly={!!invitation.email}
          aria-readonly={!!invitation.email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field label={t('auth.password')} hint={t('auth.passwordHint', { count: MIN_PASSWORD })}>
        <input
          type="password"
          required
          minLength={MIN_PASSWORD}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <ErrorText error={error} />
      <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
        {t('auth.createAccount')}
      </button>
    </form>
  );
}
