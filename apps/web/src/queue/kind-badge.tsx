import type { InterventionKind } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';

export function KindBadge({ kind }: { kind: InterventionKind }) {
  const { t } = useTranslation();
  return <span className={`badge badge--kind badge--${kind}`}>{t(`kinds.${kind}`)}</span>;
}
