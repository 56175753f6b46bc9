import type { EventView } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { formatDateTime, formatSlot } from '../ui/format';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { PanelStatusBadge } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';
import { fromLocalInput } from './date-input';
import { EventBooths } from './event-booths';
import { EventTranslationsForm } from './event-translations-form';

/** The UN's six official languages (WIPO's too); en, fr and zh are the sessions' usual working languages. */
const EVENT_LANGUAGES = ['en', 'fr', 'zh', 'es', 'ar', 'ru'] as const;

/** Staff: events and their panels; create an event, add a panel. */
export function EventsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('events.title'));
  const events = useLoad(() => rest.events(), []);
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
                {formatDateTime(event.startsAt, i18n.language)} –{' '}
                {formatDateTime(event.endsAt, i18n.language)}
                {event.languages.length ? ` · ${event.languages.map((l) => l.toUpperCase()).join(', ')}` : ''}
              </p>
            </div>
            <span className="table-list__actions">
              <Link className="btn btn--primary" to={`/staff/events/${event.id}/panels/new`}>
                {t('events.addPanel')}
                <span className="visually-hidden"> — {event.title}</span>
              </Link>
              <Link className="btn btn--quiet" to={`/staff/events/${event.id}/report`}>
                {t('reports.eventLink')}
                <span className="visually-hidden"> — {event.title}</span>
              </Link>
            </span>
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
                  <span className="muted">{formatSlot(panel.startsAt, panel.endsAt, i18n.language)}</span>
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

function CreateEventForm({ onCreated }: { onCreated(event: EventView): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [languages, setLanguages] = useState<string[]>(['en', 'fr', 'zh']);
  const { busy, error, run } = useAction();
  const [created, setCreated] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      rest.createEvent({
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        startsAt: fromLocalInput(startsAt),
        endsAt: fromLocalInput(endsAt),
        languages,
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
        <Field label={t('events.fieldStarts')}>
          <input
            type="datetime-local"
            required
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </Field>
        <Field label={t('events.fieldEnds')}>
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
