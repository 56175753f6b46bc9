import type { Role } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth-context';

/** Signed-in routes: sends the signed-out to the sign-in page (and back after), refuses other roles. */
export function RequireAuth({ roles }: { roles?: readonly Role[] }) {
  const { t } = useTranslation();
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <p className="loading">{t('common.loading')}</p>;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && !roles.includes(user.role)) {
    return (
      <section className="page page--narrow">
        <h1>{t('errors.FORBIDDEN')}</h1>
        <p>{t('auth.notAllowed')}</p>
      </section>
    );
  }
  return <Outlet />;
}
