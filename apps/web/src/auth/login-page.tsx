import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/http-client';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useAuth } from './auth-context';

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.signInTitle'));
  const { user, signIn } = useAuth();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  if (user) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await run(() => rest.login(email, password));
    if (answer) signIn(answer);
  };
  // Here a refusal means the email or the password is wrong, not that a session ended.
  const wrongCredentials = error instanceof ApiError && error.code === 'UNAUTHENTICATED';

  return (
    <section className="page page--narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <p className="lead">{t('auth.signInLead')}</p>
      <form className="card form" onSubmit={submit} aria-busy={busy}>
        <Field label={t('auth.email')}>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t('auth.password')}>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {wrongCredentials ? (
          <p className="notice notice--error" role="alert">
            {error.message.includes('deactivated') ? t('account.deactivated') : t('account.wrongCredentials')}
          </p>
        ) : (
          <ErrorText error={error} />
        )}
        <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
          {t('auth.signIn')}
        </button>
      </form>
      <p className="hint">
        <Link to="/forgot-password">{t('account.forgotLink')}</Link>
      </p>
      <p className="hint">
        {t('auth.invitedHint')} <Link to="/register">{t('auth.registerLink')}</Link>
      </p>
    </section>
  );
}

/** Only a path inside this site (never another origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
