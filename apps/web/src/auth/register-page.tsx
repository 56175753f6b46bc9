import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useAuth } from './auth-context';

const MIN_PASSWORD = 10;

/** Registration from an invitation link: /register?code=… (the code can also be typed in). */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.registerTitle'));
  const { user, signIn } = useAuth();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  if (user) return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await run(() => rest.register({ invitationCode: code.trim(), name, email, password }));
    if (answer) signIn(answer);
  };

  return (
    <section className="page page--narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <p className="lead">{t('auth.registerLead')}</p>
      <form className="card form" onSubmit={submit} aria-busy={busy}>
        <Field
          label={t('auth.invitationCode')}
          hint={params.get('code') ? t('auth.codeFromLink') : undefined}
        >
          <input required value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </Field>
        <Field label={t('auth.name')}>
          <input required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('auth.email')}>
          <input
            type="email"
            required
            autoComplete="email"
            value={email}
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
    </section>
  );
}
