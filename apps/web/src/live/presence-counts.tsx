import type { PresenceCounts as Counts } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';

const ORDER: (keyof Counts)[] = ['moderators', 'panelists', 'delegates', 'public'];

export function PresenceCounts({ online }: { online: Counts | null }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <dl className="presence" aria-label={t('presence.label')} data-testid="presence">
      {ORDER.map((key) => (
        <div key={key} className="presence__item">
          <dt>{t(`presence.${key}`)}</dt>
          <dd>{online ? number.format(online[key]) : '–'}</dd>
        </div>
      ))}
    </dl>
  );
}
