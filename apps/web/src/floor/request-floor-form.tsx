import type { InterventionKind } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const NOTE_MAX = 280;

interface RequestFloorFormProps {
  /** The kinds the delegate may ask for now (a point of order can be the only one). */
  kinds: readonly InterventionKind[];
  disabled: boolean;
  busy: boolean;
  /** Resolves true once the request was taken (the note is then cleared for the next one). */
  onRequest(kind: InterventionKind, note: string): Promise<boolean>;
}

/** Ask for the floor: the kind of intervention and an optional short note for the moderator. */
export function RequestFloorForm({ kinds, disabled, busy, onRequest }: RequestFloorFormProps) {
  const { t } = useTranslation();
  const [chosen, setKind] = useState<InterventionKind>('statement');
  const [note, setNote] = useState('');
  const kind = kinds.includes(chosen) ? chosen : kinds[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onRequest(kind, note.trim()).then((taken) => taken && setNote(''));
  };
  return (
    <form className="request-form" onSubmit={submit} aria-busy={busy} data-testid="request-form">
      <fieldset className="choice-group" disabled={disabled || busy}>
        <legend>{t('floor.kindLegend')}</legend>
        {kinds.map((k) => (
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
