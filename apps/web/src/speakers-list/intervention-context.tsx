import type { InterventionView } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { useDelegationName } from '../i18n/localized';
import '../styles/list.css';

/** A group statement's "on behalf of …", a right of reply's "right of reply to …" (nothing for other kinds). */
export function InterventionContext({ item, className }: { item: InterventionView; className: string }) {
  const { t } = useTranslation();
  const delegationName = useDelegationName();
  if (item.onBehalfOf) {
    return (
      <span className={className} data-testid="on-behalf-of">
        {t('list.onBehalfOf', { group: item.onBehalfOf })}
      </span>
    );
  }
  if (item.replyTo) {
    const name = item.replyTo.delegation ? delegationName(item.replyTo.delegation) : '—';
    return (
      <span className={className} data-testid="reply-to">
        {t('list.replyTo', { name })}
      </span>
    );
  }
  return null;
}
