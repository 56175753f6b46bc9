import type { OrderPolicy, PanelSettings } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/field';
import { utcToWallTime, wallTimeToUtc } from '../ui/time-zone';

type ListSettings = Pick<
  PanelSettings,
  | 'orderPolicy'
  | 'inscriptionOpensAt'
  | 'delegationBudgetSeconds'
  | 'rightsOfReplyPerDelegation'
  | 'groupStatementSeconds'
  | 'onDeck'
>;

interface ListSettingsFieldsProps {
  settings: ListSettings;
  /** The event's zone: the inscription time is typed as its wall time. */
  zone: string;
  onChange<K extends keyof ListSettings>(key: K, value: ListSettings[K]): void;
}

/** The panel form's part for the diplomatic list of speakers (CONTRACT.md): order, inscription, budgets, deck. */
export function ListSettingsFields({ settings, zone, onChange }: ListSettingsFieldsProps) {
  const { t } = useTranslation();
  const optionalNumber = (value: string) => (value === '' ? null : Math.round(Number(value)));
  return (
    <fieldset className="span-2 settings" data-testid="list-settings">
      <legend>{t('list.settingsTitle')}</legend>
      <div className="form--grid">
        <Field label={t('list.orderPolicy')}>
          <select
            value={settings.orderPolicy}
            onChange={(e) => onChange('orderPolicy', e.target.value as OrderPolicy)}
          >
            <option value="first_come">{t('list.orderFirstCome')}</option>
            <option value="protocol">{t('list.orderProtocol')}</option>
          </select>
        </Field>
        <Field label={t('list.inscriptionOpensAt')}>
          <input
            type="datetime-local"
            value={utcToWallTime(settings.inscriptionOpensAt ?? undefined, zone)}
            onChange={(e) =>
              onChange('inscriptionOpensAt', e.target.value ? wallTimeToUtc(e.target.value, zone) : null)
            }
          />
        </Field>
        <Field label={t('list.delegationBudget')}>
          <input
            type="number"
            min={10}
            max={86400}
            value={settings.delegationBudgetSeconds ?? ''}
            onChange={(e) => onChange('delegationBudgetSeconds', optionalNumber(e.target.value))}
          />
        </Field>
        <Field label={t('list.groupStatementSeconds')}>
          <input
            type="number"
            min={10}
            max={3600}
            required
            value={settings.groupStatementSeconds}
            onChange={(e) => onChange('groupStatementSeconds', Number(e.target.value))}
          />
        </Field>
        <Field label={t('list.rightsOfReply')}>
          <input
            type="number"
            min={0}
            max={20}
            required
            value={settings.rightsOfReplyPerDelegation}
            onChange={(e) => onChange('rightsOfReplyPerDelegation', Number(e.target.value))}
          />
        </Field>
        <Field label={t('list.onDeck')}>
          <input
            type="number"
            min={0}
            max={20}
            required
            value={settings.onDeck}
            onChange={(e) => onChange('onDeck', Number(e.target.value))}
          />
        </Field>
      </div>
    </fieldset>
  );
}
