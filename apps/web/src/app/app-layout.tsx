import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { isStaff, useAuth } from '../auth/auth-context';
import { LanguageSwitch } from './language-switch';

/** Header (brand, navigation, language, account), the page, and a skip link for keyboard users. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const shown = useRef(pathname);

  // After client-side navigation, move focus to the page so screen readers start reading the new content.
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand" aria-label={t('nav.home')}>
            <img className="brand__mark" src="/favicon.svg" alt="" width={28} height={28} />
            <span className="brand__name">Rostrum</span>
          </Link>
          <nav className="nav" aria-label={t('nav.label')}>
            <NavLink to="/" end>
              {t('nav.programme')}
            </NavLink>
            <NavLink to="/archive">{t('nav.archive')}</NavLink>
            {isStaff(user?.role) ? (
              <>
                <NavLink to="/staff/events">{t('nav.events')}</NavLink>
                <NavLink to="/staff/delegations">{t('nav.delegations')}</NavLink>
                <NavLink to="/staff/invitations">{t('nav.invitations')}</NavLink>
                <NavLink to="/staff/archive">{t('nav.recordings')}</NavLink>
                <NavLink to="/staff/mail">{t('mailOutbox.nav')}</NavLink>
              </>
            ) : null}
            {user?.role === 'delegate' ? <NavLink to="/delegation">{t('focal.nav')}</NavLink> : null}
          </nav>
          <div className="header__tools">
            <LanguageSwitch />
            {user ? (
              <div className="account">
                <span className="account__name" data-testid="account-name">
                  {user.name}
                  <span className="account__role">{t(`roles.${user.role}`)}</span>
                </span>
                <Link className="btn btn--quiet btn--small" to="/account/password">
                  {t('account.changeLink')}
                </Link>
                <button type="button" className="btn btn--quiet btn--small" onClick={() => void signOut()}>
                  {t('nav.signOut')}
                </button>
              </div>
            ) : (
              <Link className="btn btn--small" to="/login">
                {t('nav.signIn')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('footer.text')}</p>
      </footer>
    </div>
  );
}
