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

/** The settings that are a required whole number, with their label and bounds (as the API checks them). */
const WHOLE_NUMBERS = [
  { key: 'groupStatementSeconds', label: 'list.groupStatementSeconds', min: 10, max: 3600 },
  { key: 'rightsOfReplyPerDelegation', label: 'list.rightsOfReply', min: 0, max: 20 },
  { key: 'onDeck', label: 'list.onDeck', min: 0, max: 20 },
] as const;

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
        {WHOLE_NUMBERS.map(({ key, label, min, max }) => (
          <Field key={key} label={t(label)}>
            <input
              type="number"
              min={min}
              max={max}
              required
              value={settings[key]}
              onChange={(e) => onChange(key, Number(e.target.value))}
            />
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
