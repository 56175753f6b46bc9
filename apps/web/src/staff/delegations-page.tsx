import { DELEGATION_KINDS, type DelegationKind } from '@rostrum/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rest } from '../api/rest';
import { ErrorText } from '../ui/error-message';
import { Field } from '../ui/field';
import { usePageTitle } from '../ui/page-title';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';

/** Staff: member-state delegations (ISO 3166-1 alpha-3) and observer organisations. */
export function DelegationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('delegations.title'));
  const delegations = useLoad(() => rest.delegations(), []);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DelegationKind>('member_state');
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const [filter, setFilter] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() =>
      rest.createDelegation({ name: name.trim(), kind, code: code.trim().toUpperCase() }),
    );
    if (!created) return;
    delegations.setData((list) => [...(list ?? []), created].sort((a, b) => a.name.localeCompare(b.name)));
    setName('');
    setCode('');
  };

  const shown = (delegations.data ?? []).filter((d) =>
    `${d.name} ${d.code}`.toLowerCase().includes(filter.trim().toLowerCase()),
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
        <div className="span-2 form__footer">
          <ErrorText error={error} />
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('delegations.addButton')}
          </button>
        </div>
      </form>

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
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
