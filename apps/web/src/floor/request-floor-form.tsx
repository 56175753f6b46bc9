import { INTERVENTION_KINDS, type InterventionKind } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const NOTE_MAX = 280;

interface RequestFloorFormProps {
  disabled: boolean;
  busy: boolean;
  onRequest(kind: InterventionKind, note: string): void;
}

/** Ask for the floor: the kind of intervention and an optional short note for the moderator. */
export function RequestFloorForm({ disabled, busy, onRequest }: RequestFloorFormProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<InterventionKind>('statement');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRequest(kind, note.trim());
  };
  return (
    <form className="request-form" onSubmit={submit} aria-busy={busy} data-testid="request-form">
      <fieldset className="choice-group" disabled={disabled || busy}>
        <legend>{t('floor.kindLegend')}</legend>
        {INTERVENTION_KINDS.map((k) => (
          <label key={k} className={`choice${kind === k ? ' choice--checked' : ''}`}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span className="choice__title">{t(`kinds.${k}`)}</span>
            <span className="choice__hint">{t(`kindHints.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor="floor-note">
          {t('floor.note')}
        </label>
        <textarea
          id="floor-note"
          rows={2}
          maxLength={NOTE_MAX}
          value={note}
          disabled={disabled || busy}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby="floor-note-count"
        />
        <span className="field__hint" id="floor-note-count">
          {t('floor.noteCount', { count: NOTE_MAX - note.length })}
        </span>
      </div>
      <button type="submit" className="btn btn--primary btn--large" disabled={disabled || busy}>
        {t('floor.request')}
      </button>
    </form>
  );
}
