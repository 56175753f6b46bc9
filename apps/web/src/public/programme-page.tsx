import type { UserView } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rest, type PublicEvent, type PublicPanel } from '../api/rest';
import { isStaff, useAuth } from '../auth/auth-context';
import { useLocalized } from '../i18n/localized';
import { canModerate, canTakePart } from '../panels/panel-access';
import { ErrorText } from '../ui/error-message';
import { usePageTitle } from '../ui/page-title';
import { PanelStatusBadge } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';
import { zoneOf } from '../ui/time-zone';
import { ZonedSlot } from '../ui/zoned-time';

/** The public programme: events and their panels (theme, guiding questions, slot), live panels first. */
export function ProgrammePage() {
  const { t } = useTranslation();
  usePageTitle(t('programme.title'));
  const { user } = useAuth();
  const loaded = useLoad(() => rest.publicEvents(), []);
  const localize = useLocalized();
  const events = {
    ...loaded,
    data: loaded.data?.map((e) => ({ ...localize(e), panels: e.panels.map(localize) })),
  };
  const live = (events.data ?? []).flatMap((e) => e.panels.filter((p) => p.status === 'live'));

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('programme.title')}</h1>
        <p className="lead">{t('programme.lead')}</p>
      </header>
      <ErrorText error={events.error} />
      {events.loading && !events.data ? <p className="loading">{t('common.loading')}</p> : null}

      {live.length > 0 ? (
        <section className="live-now" aria-labelledby="live-now-title">
          <h2 id="live-now-title">
            <span className="live-dot" aria-hidden="true" /> {t('programme.liveNow')}
          </h2>
          <ul className="live-now__list">
            {live.map((p) => (
              <li key={p.id}>
                <Link className="live-now__link" to={`/watch/${p.id}`}>
                  {p.title}
                  <span className="live-now__cta">{t('programme.watch')} →</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {events.data && events.data.length === 0 ? (
        <div className="card empty-state">
          <p>{t('programme.empty')}</p>
          {isStaff(user?.role) ? (
            <Link className="btn btn--primary" to="/staff/events">
              {t('events.create')}
            </Link>
          ) : null}
        </div>
      ) : null}

      {(events.data ?? []).map((event) => (
        <EventSection key={event.id} event={event} user={user} />
      ))}
    </section>
  );
}

function EventSection({ event, user }: { event: PublicEvent; user: UserView | null }) {
  const { t } = useTranslation();
  const zone = zoneOf(event);
  return (
    <article className="event" aria-labelledby={`event-${event.id}`} data-testid="programme-event">
      <header className="event__header">
        <h2 id={`event-${event.id}`}>{event.title}</h2>
        <p className="event__dates">
          <ZonedSlot startsAt={event.startsAt} endsAt={event.endsAt} zone={zone} />
          {event.languages.length > 0 ? (
            <span className="event__languages">
              {' · '}
              {t('programme.languages')}: {event.languages.map((l) => l.toUpperCase()).join(', ')}
            </span>
          ) : null}
        </p>
        {event.description ? <p className="event__description">{event.description}</p> : null}
      </header>
      {event.panels.length === 0 ? <p className="empty">{t('programme.noPanels')}</p> : null}
      <ol className="panels">
        {event.panels.map((panel) => (
          <PanelCard key={panel.id} panel={panel} user={user} zone={zone} />
        ))}
      </ol>
    </article>
  );
}

function PanelCard({ panel, user, zone }: { panel: PublicPanel; user: UserView | null; zone: string }) {
  const { t } = useTranslation();
  const moderates = canModerate(user, panel);
  const takesPart = canTakePart(user, panel);
  return (
    <li className={`card panel panel--${panel.status}`} data-testid="programme-panel">
      <div className="panel__top">
        <PanelStatusBadge status={panel.status} />
        <p className="panel__slot">
          <ZonedSlot startsAt={panel.startsAt} endsAt={panel.endsAt} zone={zone} />
        </p>
      </div>
      <h3 className="panel__title">{panel.title}</h3>
      {panel.theme ? (
        <p className="panel__theme">
          <span className="visually-hidden">{t('panel.theme')}: </span>
          {panel.theme}
        </p>
      ) : null}
      {panel.description ? <p className="panel__description">{panel.description}</p> : null}
      {panel.guidingQuestions.length > 0 ? (
        <div className="panel__questions">
          <h4>{t('panel.guidingQuestions')}</h4>
          <ul>
            {panel.guidingQuestions.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="panel__people">
        {panel.moderators.length > 0 ? (
          <div>
            <dt>{t('panel.moderators')}</dt>
            <dd>{panel.moderators.map((m) => m.name).join(', ')}</dd>
          </div>
        ) : null}
        {panel.panelists.length > 0 ? (
          <div>
            <dt>{t('panel.panelists')}</dt>
            <dd>{panel.panelists.map((m) => m.name).join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      <div className="panel__actions">
        <Link className={`btn${panel.status === 'live' ? ' btn--primary' : ''}`} to={`/watch/${panel.id}`}>
          {t('programme.watch')}
          <span className="visually-hidden"> — {panel.title}</span>
        </Link>
        {takesPart && panel.status !== 'ended' ? (
          <Link className="btn btn--primary" to={`/panels/${panel.id}/floor`} data-testid="take-part">
            {user?.role === 'delegate' ? t('programme.takeFloor') : t('programme.joinPanel')}
            <span className="visually-hidden"> — {panel.title}</span>
          </Link>
        ) : null}
        {user?.role === 'interpreter' && panel.status !== 'ended' ? (
          <Link className="btn btn--primary" to={`/interpret/panels/${panel.id}`} data-testid="open-booth">
            {t('interpret.nav')}
            <span className="visually-hidden"> — {panel.title}</span>
          </Link>
        ) : null}
        {moderates ? (
          <Link className="btn btn--primary" to={`/panels/${panel.id}/console`} data-testid="open-console">
            {t('programme.console')}
            <span className="visually-hidden"> — {panel.title}</span>
          </Link>
        ) : null}
        {isStaff(user?.role) ? (
          <Link className="btn btn--quiet" to={`/staff/panels/${panel.id}/edit`}>
            {t('common.edit')}
            <span className="visually-hidden"> — {panel.title}</span>
          </Link>
        ) : null}
      </div>
    </li>
  );
}
