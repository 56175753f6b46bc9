import type { DelegationView, InterventionView, PanelSnapshot } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { useDelegationName } from '../i18n/localized';
import { formatDuration } from '../ui/format';

/**
 * The moderator's view of the delegations' speaking time (a panel with `delegationBudgetSeconds`): used and
 * left per delegation, an exhausted one in red.
 */
export function BudgetTable({
  snapshot,
  speeches,
}: {
  snapshot: PanelSnapshot;
  speeches: readonly InterventionView[];
}) {
  const { t } = useTranslation();
  const delegationName = useDelegationName();
  const known = new Map<string, DelegationView>();
  for (const item of [...speeches, snapshot.speaker, ...snapshot.queue]) {
    if (item?.delegation) known.set(item.delegation.id, item.delegation);
  }
  return (
    <section className="card" aria-labelledby="budgets-title" data-testid="budgets">
      <h2 id="budgets-title">{t('list.budgetsTitle')}</h2>
      {snapshot.budgets.length === 0 ? (
        <p className="empty">{t('list.budgetNone')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table budgets">
            <thead>
              <tr>
                <th scope="col">{t('list.budgetDelegation')}</th>
                <th scope="col">{t('list.budgetUsed')}</th>
                <th scope="col">{t('list.budgetLeftColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.budgets.map((b) => {
                const delegation = known.get(b.delegationId);
                const exhausted = b.remainingSeconds <= 0;
                return (
                  <tr
                    key={b.delegationId}
                    className={exhausted ? 'budgets__row--exhausted' : undefined}
                    data-testid="budget-row"
                    data-exhausted={exhausted}
                  >
                    <th scope="row">
                      {delegation ? delegationName(delegation) : '—'}{' '}
                      {delegation ? <span className="code">{delegation.code}</span> : null}
                    </th>
                    <td>{formatDuration(b.usedSeconds)}</td>
                    <td>
                      {formatDuration(b.remainingSeconds)}
                      {exhausted ? (
                        <strong className="tag tag--danger"> {t('list.budgetExhaustedMark')}</strong>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
