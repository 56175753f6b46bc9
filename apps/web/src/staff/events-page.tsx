import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccreditedEvent } from '../api/accreditation';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { PanelStatusBadge } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';
import { DEFAULT_ZONE, wallTimeToUtc, zoneOf } from '../ui/time-zone';
import { ZonedSlot } from '../ui/zoned-time';
import { EventAccreditationFields, type EventAccreditationInput } from './event-accreditation-fields';
import { EventBooths } from './event-booths';
import { EventTranslationsForm } from './event-translations-form';

/** The UN's six official languages (WIPO's too); en, fr and zh are the sessions' usual working languages. */
const EVENT_LANGUAGES = ['en', 'fr', 'zh', 'es', 'ar', 'ru'] as const;

/** Staff: events and their panels; create an event, add a panel. */
export function EventsPage() {
  const { t } = useTranslation();
  usePageTitle(t('events.title'));
  const events = useLoad<AccreditedEvent[]>(() => rest.events(), []);
  const delegations = useLoad(() => rest.delegations(), []);

  return (
    <section className="page">
      <header className="page__header">
        <h1>{t('events.title')}</h1>
        <p className="lead">{t('events.lead')}</p>
      </header>
      <ErrorText error={events.error} />
      <CreateEventForm onCreated={(event) => events.setData((list) => [...(list ?? []), event])} />
      {(events.data ?? []).map((event) => (
        <article
          key={event.id}
          className="card event-admin"
          data-testid="staff-event"
          aria-labelledby={`staff-event-${event.id}`}
        >
          <div className="card__header">
            <div>
              <h2 id={`staff-event-${event.id}`}>{event.title}</h2>
              <p className="muted">
                <ZonedSlot startsAt={event.startsAt} endsAt={event.endsAt} zone={zoneOf(event)} />
                {event.languages.length ? ` · ${event.languages.map((l) => l.toUpperCase()).join(', ')}` : ''}
              </p>
              <EventAccreditationSummary event={event} />
            </div>
            <div className="inline">
              <Link className="btn" to={`/staff/events/${event.id}/participants`}>
                {t('accreditation.participantsLink')}
                <span className="visually-hidden"> — {event.title}</span>
              </Link>
              <Link className="btn" to={`/staff/events/${event.id}/import`}>
                {t('accreditation.importLink')}
                <span className="visually-hidden"> — {event.title}</span>
              </Link>
              <Link className="btn btn--primary" to={`/staff/events/${event.id}/panels/new`}>
                {t('events.addPanel')}
                <span className="visually-hidden"> — {event.title}</span>
              </Link>
              <Link className="btn btn--quiet" to={`/staff/events/${event.id}/report`}>
                {t('reports.eventLink')}
                <span className="visually-hidden"> — {event.title}</span>
              </Link>
            </div>
          </div>
          <EventTranslationsForm
            event={event}
            onSaved={(saved) =>
              events.setData((list) => (list ?? []).map((e) => (e.id === saved.id ? saved : e)))
            }
          />
          <EventBooths event={event} delegations={delegations.data ?? []} />
          {event.panels.length === 0 ? <p className="empty">{t('programme.noPanels')}</p> : null}
          <ul className="table-list">
            {event.panels.map((panel) => (
              <li key={panel.id} className="table-list__row" data-testid="staff-panel">
                <span className="table-list__main">
                  <strong>{panel.title}</strong>
                  <ZonedSlot
                    className="muted"
                    startsAt={panel.startsAt}
                    endsAt={panel.endsAt}
                    zone={zoneOf(event)}
                  />
                  <span className="muted">
                    {t('panel.moderators')}: {panel.moderators.map((m) => m.name).join(', ') || '—'}
                  </span>
                </span>
                <PanelStatusBadge status={panel.status} />
                <span className="table-list__actions">
                  <Link className="btn btn--small" to={`/staff/panels/${panel.id}/edit`}>
                    {t('common.edit')}
                    <span className="visually-hidden"> — {panel.title}</span>
                  </Link>
                  <Link className="btn btn--small btn--quiet" to={`/watch/${panel.id}`}>
                    {t('programme.watch')}
                    <span className="visually-hidden"> — {panel.title}</span>
                  </Link>
                  <Link className="btn btn--small btn--quiet" to={`/panels/${panel.id}/report`}>
                    {t('reports.link')}
                    <span className="visually-hidden"> — {panel.title}</span>
                  </Link>
                  <a
                    className="btn btn--small btn--quiet"
                    href={`/display/panels/${panel.id}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {t('display.link')}
                    <span className="visually-hidden"> — {panel.title}</span>
                  </a>
                </span>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}

/** The event's zone, delegate quota and regional groups, as staff set them. */
function EventAccreditationSummary({ event }: { event: AccreditedEvent }) {
  const { t } = useTranslation();
  const quota = event.delegateQuota;
  return (
    <p className="muted" data-testid="event-accreditation">
      {t('accreditation.zone')}: {zoneOf(event)} · {t('accreditation.quota')}:{' '}
      {quota === null ? t('accreditation.noQuota') : (quota ?? 5)}
      {event.groups?.length ? ` · ${t('accreditation.groups')}: ${event.groups.join(', ')}` : ''}
    </p>
  );
}

function CreateEventForm({ onCreated }: { onCreated(event: AccreditedEvent): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [languages, setLanguages] = useState<string[]>(['en', 'fr', 'zh']);
  const [accreditation, setAccreditation] = useState<EventAccreditationInput>({
    timezone: DEFAULT_ZONE,
    delegateQuota: '5',
    groups: '',
  });
  const { busy, error, run } = useAction();
  const [created, setCreated] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      rest.createEvent({
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        // The wall times typed are the event's own (its venue's clock), not the staff member's.
        startsAt: wallTimeToUtc(startsAt, accreditation.timezone),
        endsAt: wallTimeToUtc(endsAt, accreditation.timezone),
        languages,
        timezone: accreditation.timezone,
        delegateQuota: accreditation.delegateQuota.trim() === '' ? null : Number(accreditation.delegateQuota),
        groups: accreditation.groups
          .split('\n')
          .map((g) => g.trim())
          .filter(Boolean),
      }),
    );
    if (!saved) return;
    onCreated(saved);
    setCreated(saved.title);
    setTitle('');
    setDescription('');
  };

  return (
    <details className="card create-card" open>
      <summary>
        <h2>{t('events.create')}</h2>
      </summary>
      <form className="form form--grid" onSubmit={submit} aria-busy={busy} data-testid="create-event-form">
        <Field label={t('events.fieldTitle')} className="span-2">
          <input required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field label={t('events.fieldDescription')} className="span-2">
          <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <EventAccreditationFields value={accreditation} onChange={setAccreditation} />
        <Field
          label={t('events.fieldStarts')}
          hint={t('accreditation.wallTimeHint', { zone: accreditation.timezone })}
        >
          <input
            type="datetime-local"
            required
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </Field>
        <Field
          label={t('events.fieldEnds')}
          hint={t('accreditation.wallTimeHint', { zone: accreditation.timezone })}
        >
          <input type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </Field>
        <fieldset className="checks span-2">
          <legend>{t('events.fieldLanguages')}</legend>
          {EVENT_LANGUAGES.map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                checked={languages.includes(code)}
                onChange={(e) =>
                  setLanguages((list) =>
                    e.target.checked ? [...list, code] : list.filter((l) => l !== code),
                  )
                }
              />
              {t(`languages.${code}`)}
            </label>
          ))}
        </fieldset>
        <div className="span-2 form__footer">
          <ErrorText error={error} />
          {created ? (
            <p className="notice notice--success" role="status">
              {t('events.created', { title: created })}
            </p>
          ) : null}
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('events.createButton')}
          </button>
        </div>
      </form>
    </details>
  );
}
