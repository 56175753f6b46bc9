import type { PresenceCounts as Counts } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';

const ORDER: (keyof Counts)[] = ['moderators', 'panelists', 'delegates', 'public'];

export function PresenceCounts({ online }: { online: Counts | null }) {
  const { t } = useTranslation();
  return (
    <dl className="presence" aria-label={t('presence.label')} data-testid="presence">
      {ORDER.map((key) => (
        <div key={key} className="presence__item">
          <dt>{t(`presence.${key}`)}</dt>
          <dd>{online ? online[key] : '–'}</dd>
        </div>
      ))}
    </dl>
  );
}
