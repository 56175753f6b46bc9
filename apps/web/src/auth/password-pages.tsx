import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/http-client';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';

export const MIN_PASSWORD = 10;

/** A new password, typed twice (a typo here would lock the person out). */
function NewPasswordFields({
  value,
  onChange,
  repeat,
  onRepeat,
}: {
  value: string;
  onChange(v: string): void;
  repeat: string;
  onRepeat(v: string): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('account.newPassword')} hint={t('auth.passwordHint', { count: MIN_PASSWORD })}>
        <input
          type="password"
          required
          minLength={MIN_PASSWORD}
          autoComplete="new-password"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </Field>
      <Field label={t('account.repeatPassword')}>
        <input
          type="password"
          required
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
        />
      </Field>
    </>
  );
}

/** Signed in: change the password (the other sessions of this account end). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.changeTitle'));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) return setError({ code: 'MISMATCH', message: t('account.mismatch') });
    setDone(false);
    const ok = await run(async () => (await rest.changePassword(current, next), true));
    if (!ok) return;
    setDone(true);
    [setCurrent, setNext, setRepeat].forEach((clear) => clear(''));
  };

  return (
    <section className="page page--narrow">
      <h1>{t('account.changeTitle')}</h1>
      <p className="lead">{t('account.changeLead')}</p>
      <form className="card form" onSubmit={submit} aria-busy={busy}>
        <Field label={t('account.currentPassword')}>
          <input
            type="password"
            required
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <NewPasswordFields value={next} onChange={setNext} repeat={repeat} onRepeat={setRepeat} />
        {error && (error as { code?: string }).code === 'FORBIDDEN' ? (
          <p className="notice notice--error" role="alert">
            {t('account.currentWrong')}
          </p>
        ) : (
          <ErrorText error={error} />
        )}
        {done ? (
          <p className="notice notice--success" role="status">
            {t('account.changed')}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
          {t('account.changeSubmit')}
        </button>
      </form>
    </section>
  );
}

/** Signed out: ask for a reset link by email (the answer never says whether the address has an account). */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.forgotTitle'));
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(async () => (await rest.requestPasswordReset(email), true));
    if (ok) setSent(true);
  };

  return (
    <section className="page page--narrow">
      <h1>{t('account.forgotTitle')}</h1>
      {sent ? (
        <p className="notice notice--success" role="status">
          {t('account.forgotSent', { email })}
        </p>
      ) : (
        <>
          <p className="lead">{t('account.forgotLead')}</p>
          <form className="card form" onSubmit={submit} aria-busy={busy}>
            <Field label={t('auth.email')}>
              <input
                type="email"
                required
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </Field>
            <ErrorText error={error} />
            <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
              {t('account.forgotSubmit')}
            </button>
          </form>
        </>
      )}
      <p className="hint">
        <Link to="/login">{t('account.backToSignIn')}</Link>
      </p>
    </section>
  );
}

/** From the reset link (/reset-password?token=…): choose a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.resetTitle'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) return setError({ code: 'MISMATCH', message: t('account.mismatch') });
    const ok = await run(async () => (await rest.confirmPasswordReset(token, password), true));
    if (ok) setDone(true);
  };
  const expired = error instanceof ApiError && error.code === 'RESET_EXPIRED';

  return (
    <section className="page page--narrow">
      <h1>{t('account.resetTitle')}</h1>
      {done ? (
        <p className="notice notice--success" role="status">
          {t('account.resetDone')} <Link to="/login">{t('auth.signIn')}</Link>
        </p>
      ) : !token || expired ? (
        <p className="notice notice--error" role="alert">
          {t('errors.RESET_EXPIRED')} <Link to="/forgot-password">{t('account.forgotLink')}</Link>
        </p>
      ) : (
        <form className="card form" onSubmit={submit} aria-busy={busy}>
          <NewPasswordFields value={password} onChange={setPassword} repeat={repeat} onRepeat={setRepeat} />
          <ErrorText error={error} />
          <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
            {t('account.resetSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
