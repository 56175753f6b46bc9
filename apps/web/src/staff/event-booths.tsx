import type { BoothView, DelegationView, EventView } from '@rostrum/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { PeoplePicker } from './people-picker';
import { languageName } from './translations-editor';

/** Staff: the event's interpretation booths, one per language, each with the interpreters who work in it. */
export function EventBooths({ event, delegations }: { event: EventView; delegations: DelegationView[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details
      className="event-admin__translations"
      data-testid="event-booths"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{t('booths.legend')}</summary>
      <p className="field__hint">{t('booths.hint')}</p>
      {event.languages.length === 0 ? <p className="muted">{t('booths.noLanguages')}</p> : null}
      {open ? <BoothList eventId={event.id} delegations={delegations} /> : null}
    </details>
  );
}

function BoothList({ eventId, delegations }: { eventId: string; delegations: DelegationView[] }) {
  const booths = useLoad(() => rest.booths(eventId), [eventId]);
  return (
    <>
      <ErrorText error={booths.error} />
      {(booths.data ?? []).map((booth) => (
        <BoothForm key={booth.language} eventId={eventId} booth={booth} delegations={delegations} />
      ))}
    </>
  );
}

function BoothForm({
  eventId,
  booth,
  delegations,
}: {
  eventId: string;
  booth: BoothView;
  delegations: DelegationView[];
}) {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState(booth.interpreters.map((p) => p.id));
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  useEffect(() => setSaved(false), [selected]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await run(() => rest.putBooth(eventId, booth.language, selected));
    if (updated) setSaved(true);
  };

  return (
    <form className="form booth-form" onSubmit={submit} aria-busy={busy} data-testid="booth-form">
      <PeoplePicker
        legend={t('booths.booth', { language: languageName(booth.language, i18n.language) })}
        defaultRole="interpreter"
        known={booth.interpreters}
        delegations={delegations}
        selected={selected}
        onChange={setSelected}
      />
      <div className="form__footer">
        <ErrorText error={error} />
        {saved ? (
          <p className="notice notice--success" role="status">
            {t('booths.saved')}
          </p>
        ) : null}
        <button type="submit" className="btn" disabled={busy}>
          {t('booths.save')}
          <span className="visually-hidden"> — {languageName(booth.language, i18n.language)}</span>
        </button>
      </div>
    </form>
  );
}
