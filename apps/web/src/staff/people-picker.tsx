import type { PersonRef } from '@rostrum/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PeoplePickerProps {
  legend: string;
  /** People to tick: every user of the role for admins; for staff, the people already on panels. */
  known: PersonRef[];
  selected: string[];
  onChange(ids: string[]): void;
}

/**
 * Picks moderators or panelists. GET /api/users is admin-only, so staff tick people already on panels or
 * paste user ids (from the person's account page or the secretariat's records).
 */
export function PeoplePicker({ legend, known, selected, onChange }: PeoplePickerProps) {
  const { t } = useTranslation();
  const pasteId = useId();
  const [pasted, setPasted] = useState('');
  const [invalid, setInvalid] = useState<string[]>([]);
  const knownIds = new Set(known.map((p) => p.id));
  const unknownSelected = selected.filter((id) => !knownIds.has(id));

  const addPasted = () => {
    const ids = pasted.split(/[\s,;]+/).filter(Boolean);
    const bad = ids.filter((id) => !UUID.test(id));
    setInvalid(bad);
    const good = ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
    onChange([...new Set([...selected, ...good])]);
    if (bad.length === 0) setPasted('');
  };

  return (
    <fieldset className="people-picker">
      <legend>{legend}</legend>
      {known.length === 0 ? <p className="muted">{t('panelForm.noKnownPeople')}</p> : null}
      <div className="checks">
        {known.map((person) => (
          <label key={person.id} className="check">
            <input
              type="checkbox"
              checked={selected.includes(person.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, person.id] : selected.filter((id) => id !== person.id),
                )
              }
            />
            {person.name}
          </label>
        ))}
        {unknownSelected.map((id) => (
          <label key={id} className="check">
            <input type="checkbox" checked onChange={() => onChange(selected.filter((s) => s !== id))} />
            <code>{id}</code>
          </label>
        ))}
      </div>
      <div className="paste-ids">
        <label htmlFor={pasteId} className="field__label">
          {t('panelForm.pasteIds')}
        </label>
        <div className="inline">
          <input
            id={pasteId}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="00000000-0000-…"
          />
          <button type="button" className="btn" onClick={addPasted} disabled={!pasted.trim()}>
            {t('panelForm.addIds')}
          </button>
        </div>
        {invalid.length > 0 ? (
          <p className="notice notice--error" role="alert">
            {t('panelForm.invalidIds', { ids: invalid.join(', ') })}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

/** Everyone already moderating or on a panel, by name, without duplicates. */
export function peopleOnPanels(
  panels: { moderators: PersonRef[]; panelists: PersonRef[] }[],
  which: 'moderators' | 'panelists',
): PersonRef[] {
  const byId = new Map<string, PersonRef>();
  for (const panel of panels) for (const person of panel[which]) byId.set(person.id, person);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
