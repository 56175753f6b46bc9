import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccreditedEvent } from '../api/accreditation';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { usePageTitle } from '../ui/page-title';
import { zoneOf } from '../ui/time-zone';
import { useLoad } from '../ui/use-load';
import { ZonedSlot } from '../ui/zoned-time';
import { ParticipantsList } from './participants-list';

/** Staff: an event's participants (/staff/events/:eventId/participants). */
export function ParticipantsPage() {
  const { eventId = '' } = useParams();
  const { t } = useTranslation();
  const event = useLoad<AccreditedEvent>(() => rest.event(eventId), [eventId]);
  const delegations = useLoad(() => rest.delegations(), []);
  usePageTitle(event.data ? `${t('participants.title')} — ${event.data.title}` : t('participants.title'));

  return (
    <section className="page">
      <EventPageHeader event={event.data} title={t('participants.title')}>
        <Link className="btn" to={`/staff/events/${eventId}/import`}>
          {t('accreditation.importLink')}
        </Link>
        <Link className="btn" to={`/staff/invitations?eventId=${eventId}`}>
          {t('nav.invitations')}
        </Link>
      </EventPageHeader>
      <ErrorText error={event.error ?? delegations.error} />
      {event.data ? (
        <ParticipantsList eventId={eventId} zone={zoneOf(event.data)} delegations={delegations.data ?? []} />
      ) : null}
    </section>
  );
}

/** The event a staff page is about: back to the events, its title and slot in its zone, and actions. */
export function EventPageHeader({
  event,
  title,
  children,
}: {
  event: AccreditedEvent | undefined;
  title: string;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <header className="page__header">
      <p>
        <Link to="/staff/events">← {t('events.title')}</Link>
      </p>
      <p className="eyebrow">{event?.title ?? t('common.loading')}</p>
      <h1>{title}</h1>
      {event ? (
        <p className="muted">
          <ZonedSlot startsAt={event.startsAt} endsAt={event.endsAt} zone={zoneOf(event)} />
        </p>
      ) : null}
      {children ? <div className="inline">{children}</div> : null}
    </header>
  );
}
