import { EVENT_TRANSLATED_FIELDS, type EventView, type Translations } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { useAction } from '../ui/use-action';
import { TranslationsEditor, translationLanguages } from './translations-editor';

/** Staff: an event's title and description in its other languages (PATCH /api/events/:id). */
export function EventTranslationsForm({
  event,
  onSaved,
}: {
  event: EventView;
  onSaved(event: EventView): void;
}) {
  const { t } = useTranslation();
  const [translations, setTranslations] = useState<Translations>(event.translations ?? {});
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const updated = await run(() => rest.updateEvent(event.id, { translations }));
    if (!updated) return;
    setTranslations(updated.translations);
    setSaved(true);
    onSaved(updated);
  };

  return (
    <details className="event-admin__translations" data-testid="event-translations">
      <summary>{t('translations.legend')}</summary>
      <form className="form" onSubmit={submit} aria-busy={busy}>
        <TranslationsEditor
          fields={EVENT_TRANSLATED_FIELDS}
          original={event}
          languages={translationLanguages(event.languages)}
          value={translations}
          onChange={setTranslations}
        />
        <div className="form__footer">
          <ErrorText error={error} />
          {saved ? (
            <p className="notice notice--success" role="status">
              {t('translations.saved')}
            </p>
          ) : null}
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('translations.save')}
          </button>
        </div>
      </form>
    </details>
  );
}
