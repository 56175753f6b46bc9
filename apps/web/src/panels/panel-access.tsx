import type { PanelView, PersonRef, UserView } from '@rostrum/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/http-client';
import { rest } from '../api/rest';
import { useAuth } from '../auth/auth-context';
import { useLocalized } from '../i18n/localized';
import { usePageTitle } from '../ui/page-title';
import { useLoad, type Loaded } from '../ui/use-load';
import { EventZoneProvider, useZoneOfEvent } from '../ui/zoned-time';

type PanelPeople = { moderators: PersonRef[]; panelists: PersonRef[] };

/** Who runs a panel from the console: its moderators, and admins (as the server checks). */
export const canModerate = (user: UserView | null, panel: PanelPeople): boolean =>
  !!user && (user.role === 'admin' || panel.moderators.some((m) => m.id === user.id));

/** Who takes part from the floor page: delegates, and the panel's own panelists. */
export const canTakePart = (user: UserView | null, panel: PanelPeople): boolean =>
  user?.role === 'delegate' || (user?.role === 'panelist' && panel.panelists.some((p) => p.id === user.id));

/** A panel id the API does not know (404), or that is not even an id (400): the link is bad. */
export const isBadPanelLink = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);

/**
 * Loads the route's panel and opens the page only to those it is for: a clear page otherwise (rather than
 * controls that answer "Not allowed" once clicked), and "not found" for a bad link (rather than "Loading…").
 */
export function PanelGate({
  place,
  children,
}: {
  place: 'console' | 'floor';
  children: (panelId: string, panel: Loaded<PanelView>) => ReactNode;
}) {
  const { panelId = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const loaded = useLoad(() => rest.panel(panelId), [panelId]);
  const localize = useLocalized();
  // The page shows the panel in the visitor's language; what it stores back (setData) stays the original.
  const panel = loaded.data ? { ...loaded, data: localize(loaded.data) } : loaded;
  const zone = useZoneOfEvent(panel.data?.eventId);
  if (isBadPanelLink(panel.error)) return <PanelNotFound />;
  if (!panel.data) {
    if (panel.error) return children(panelId, panel); // e.g. the network: the page says so and retries live
    return <p className="loading">{t('common.loading')}</p>;
  }
  const allowed = place === 'console' ? canModerate(user, panel.data) : canTakePart(user, panel.data);
  if (!allowed) return <NotYourPanel place={place} panel={panel.data} user={user} />;
  // Every time on the panel's pages (slot, queue, questions) in its event's zone.
  return <EventZoneProvider zone={zone}>{children(panelId, panel)}</EventZoneProvider>;
}

export function PanelNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('access.panelNotFound'));
  return (
    <section className="page page--narrow" data-testid="panel-not-found">
      <h1>{t('access.panelNotFound')}</h1>
      <p>{t('access.panelNotFoundBody')}</p>
      <Link className="btn btn--primary" to="/">
        {t('nav.programme')}
      </Link>
    </section>
  );
}

function NotYourPanel({
  place,
  panel,
  user,
}: {
  place: 'console' | 'floor';
  panel: PanelView;
  user: UserView | null;
}) {
  const { t } = useTranslation();
  const title = place === 'console' ? t('access.notModerator') : t('access.notParticipant');
  usePageTitle(title);
  return (
    <section className="page page--narrow" data-testid="not-your-panel">
      <p className="eyebrow">{panel.title}</p>
      <h1>{title}</h1>
      <p>{place === 'console' ? t('access.notModeratorBody') : t('access.notParticipantBody')}</p>
      <div className="inline">
        <Link className="btn btn--primary" to={`/watch/${panel.id}`}>
          {t('access.watch')}
        </Link>
        {place === 'console' && canTakePart(user, panel) ? (
          <Link className="btn" to={`/panels/${panel.id}/floor`}>
            {t('programme.takeFloor')}
          </Link>
        ) : null}
        {place === 'floor' && canModerate(user, panel) ? (
          <Link className="btn" to={`/panels/${panel.id}/console`}>
            {t('programme.console')}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
