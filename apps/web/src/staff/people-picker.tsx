import type { DelegationView, PersonRef, Role, UserView } from '@rostrum/contracts';
import { ROLES } from '@rostrum/contracts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';

/** Enough to pick from; a longer list means the text should be narrower. */
export const PICKER_PAGE = 20;
const SEARCH_DELAY_MS = 300;

interface PeoplePickerProps {
  legend: string;
  /** The role searched first (moderators for the moderators' picker); staff may widen it. */
  defaultRole: Role;
  /** Names of people already picked (e.g. the panel's current members). */
  known: PersonRef[];
  delegations: DelegationView[];
  selected: string[];
  onChange(ids: string[]): void;
}

/**
 * Picks moderators or panelists: staff find people by name or email, role and delegation (GET /api/users,
 * searched as they type), see who each one is, and add or remove them.
 */
export function PeoplePicker(props: PeoplePickerProps) {
  const { legend, defaultRole, known, delegations, selected, onChange } = props;
  const { t } = useTranslation();
  const ids = { q: useId(), role: useId(), delegation: useId(), results: useId() };
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>(defaultRole);
  const [delegationId, setDelegationId] = useState('');
  const search = useUserSearch(q, role, delegationId);
  const [names, setNames] = useState<Map<string, PersonRef>>(new Map());
  const nameOf = (id: string) => names.get(id) ?? known.find((p) => p.id === id);
  const delegationName = (id: string | null) => {
    const d = delegations.find((x) => x.id === id);
    return d ? `${d.name} (${d.code})` : null;
  };

  const add = (user: UserView) => {
    setNames((m) => new Map(m).set(user.id, user));
    if (!selected.includes(user.id)) onChange([...selected, user.id]);
  };

  return (
    <fieldset className="people-picker">
      <legend>{legend}</legend>
      {selected.length === 0 ? <p className="muted">{t('people.noneChosen')}</p> : null}
      <ul className="people-picker__chosen" aria-label={t('people.chosen', { legend })}>
        {selected.map((id) => (
          <li key={id} className="chip" data-testid="chosen-person">
            <span>{nameOf(id)?.name ?? t('people.unknownPerson')}</span>
            <button
              type="button"
              className="btn btn--quiet btn--small"
              aria-label={t('people.remove', { name: nameOf(id)?.name ?? '' })}
              onClick={() => onChange(selected.filter((s) => s !== id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="people-picker__filters">
        <div className="field">
          <label htmlFor={ids.q} className="field__label">
            {t('people.search')}
          </label>
          <input
            id={ids.q}
            type="search"
            value={q}
            autoComplete="off"
            aria-controls={ids.results}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.role} className="field__label">
            {t('people.role')}
          </label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('people.anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.delegation} className="field__label">
            {t('people.delegation')}
          </label>
          <select id={ids.delegation} value={delegationId} onChange={(e) => setDelegationId(e.target.value)}>
            <option value="">{t('people.anyDelegation')}</option>
            {delegations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.code})
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorText error={search.error} />
      <ul id={ids.results} className="people-picker__results" aria-live="polite" aria-busy={search.loading}>
        {search.users?.length === 0 ? <li className="muted">{t('people.noMatch')}</li> : null}
        {search.users?.map((user) => {
          const chosen = selected.includes(user.id);
          return (
            <li key={user.id} className="person-row" data-testid="person-result">
              <span className="person-row__who">
                <strong>{user.name}</strong> <span className="muted">{user.email}</span>
              </span>
              <span className="person-row__what">
                {t(`roles.${user.role}`)}
                {delegationName(user.delegationId) ? ` · ${delegationName(user.delegationId)}` : ''}
              </span>
              <button
                type="button"
                className="btn btn--small"
                disabled={chosen}
                aria-label={t('people.add', { name: user.name })}
                onClick={() => add(user)}
              >
                {chosen ? t('people.added') : t('people.addShort')}
              </button>
            </li>
          );
        })}
        {search.users?.length === PICKER_PAGE ? <li className="muted">{t('people.narrow')}</li> : null}
      </ul>
    </fieldset>
  );
}

/** The accounts matching the filters, searched again a moment after the last keystroke. */
function useUserSearch(q: string, role: Role | '', delegationId: string) {
  const [state, setState] = useState<{ users: UserView[] | null; loading: boolean; error: unknown }>({
    users: null,
    loading: true,
    error: null,
  });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      rest
        .searchUsers({ q: q.trim() || undefined, role: role || undefined, delegationId, limit: PICKER_PAGE })
        .then((users) => current && setState({ users, loading: false, error: null }))
        .catch((error: unknown) => current && setState({ users: null, loading: false, error }));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, role, delegationId]);
  return state;
}
