import { DELEGATION_KINDS, type DelegationKind } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accreditation, type RegionalDelegation } from '../api/accreditation';
import { rest } from '../api/rest';
import { DelegationImport } from '../accreditation/delegation-import';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';

/** Staff: member-state delegations (ISO 3166-1 alpha-3) and observer organisations. */
export function DelegationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('delegations.title'));
  const delegations = useLoad<RegionalDelegation[]>(() => rest.delegations(), []);
  // The regional groups of every event, offered for a delegation's region (free text is allowed too).
  const events = useLoad(() => rest.events(), []);
  const groups = [...new Set((events.data ?? []).flatMap((e) => e.groups ?? []))].sort();
  const [region, setRegion] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DelegationKind>('member_state');
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const [filter, setFilter] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() =>
      rest.createDelegation({
        name: name.trim(),
        kind,
        code: code.trim().toUpperCase(),
        ...(region.trim() ? { region: region.trim() } : {}),
      }),
    );
    if (!created) return;
    delegations.setData((list) => [...(list ?? []), created].sort((a, b) => a.name.localeCompare(b.name)));
    setName('');
    setCode('');
    setRegion('');
  };

  const shown = (delegations.data ?? []).filter((d) =>
    `${d.name} ${d.code} ${d.region ?? ''}`.toLowerCase().includes(filter.trim().toLowerCase()),
  );

  return (
    <section className="page page--medium">
      <h1>{t('delegations.title')}</h1>
      <form className="card form form--grid" onSubmit={submit} aria-busy={busy} data-testid="delegation-form">
        <h2 className="span-2">{t('delegations.add')}</h2>
        <Field label={t('delegations.name')} className="span-2">
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('delegations.kind')}>
          <select value={kind} onChange={(e) => setKind(e.target.value as DelegationKind)}>
            {DELEGATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`delegationKinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('delegations.code')}
          hint={kind === 'member_state' ? t('delegations.codeHintState') : t('delegations.codeHintObserver')}
        >
          <input
            required
            maxLength={16}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
          />
        </Field>
        <Field
          label={t('delegationImport.region')}
          hint={t('delegationImport.regionHint')}
          className="span-2"
        >
          <input
            maxLength={200}
            list="region-groups"
            value={region}
            onChange={(e) => setRegion(e.target.value)}
          />
        </Field>
        <datalist id="region-groups">
          {groups.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
        <div className="span-2 form__footer">
          <ErrorText error={error} />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('delegations.addButton')}
          </button>
        </div>
      </form>

      <DelegationImport onImported={() => delegations.reload()} />

      <section className="card" aria-labelledby="delegation-list-title">
        <div className="card__header">
          <h2 id="delegation-list-title">
            {t('delegations.list')} <span className="count">{delegations.data?.length ?? 0}</span>
          </h2>
          <label className="search">
            <span className="visually-hidden">{t('common.search')}</span>
            <input
              type="search"
              placeholder={t('common.search')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
        </div>
        <ErrorText error={delegations.error} />
        <table className="table" data-testid="delegation-table">
          <thead>
            <tr>
              <th scope="col">{t('delegations.name')}</th>
              <th scope="col">{t('delegations.code')}</th>
              <th scope="col">{t('delegations.kind')}</th>
              <th scope="col">{t('delegationImport.region')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>
                  <span className="code">{d.code}</span>
                </td>
                <td>{t(`delegationKinds.${d.kind}`)}</td>
                <td>
                  <RegionCell
                    delegation={d}
                    onSaved={(saved) =>
                      delegations.setData((list) => (list ?? []).map((x) => (x.id === saved.id ? saved : x)))
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** A delegation's regional group, edited in place (PATCH /api/delegations/:id). */
function RegionCell({
  delegation,
  onSaved,
}: {
  delegation: RegionalDelegation;
  onSaved(saved: RegionalDelegation): void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(delegation.region ?? '');
  const { busy, error, run } = useAction();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() =>
      accreditation.updateDelegation(delegation.id, { region: value.trim() || null }),
    );
    if (!saved) return;
    onSaved(saved);
    setEditing(false);
  };
  if (!editing) {
    return (
      <span className="inline">
        <span>{delegation.region ?? '—'}</span>
        <button type="button" className="btn btn--small btn--quiet" onClick={() => setEditing(true)}>
          {t('common.edit')}
          <span className="visually-hidden">
            {' '}
            — {t('delegationImport.region')}, {delegation.name}
          </span>
        </button>
      </span>
    );
  }
  return (
    <form className="inline" onSubmit={save} aria-busy={busy}>
      <label className="visually-hidden" htmlFor={`region-${delegation.id}`}>
        {t('delegationImport.region')}, {delegation.name}
      </label>
      <input
        id={`region-${delegation.id}`}
        list="region-groups"
        maxLength={200}
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn btn--small" disabled={busy}>
        {t('common.save')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}
