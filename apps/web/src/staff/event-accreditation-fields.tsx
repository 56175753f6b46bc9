import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/field';
import { allZones } from '../ui/time-zone';

export interface EventAccreditationInput {
  timezone: string;
  /** As typed: empty means no limit. */
  delegateQuota: string;
  /** One regional group a line. */
  groups: string;
}

/** The event form's time zone (every IANA zone the browser knows), delegate quota and regional groups. */
export function EventAccreditationFields({
  value,
  onChange,
}: {
  value: EventAccreditationInput;
  onChange(next: EventAccreditationInput): void;
}) {
  const { t } = useTranslation();
  const zones = useMemo(allZones, []);
  const set = (patch: Partial<EventAccreditationInput>) => onChange({ ...value, ...patch });
  return (
    <>
      <Field label={t('accreditation.zone')} hint={t('accreditation.zoneHint')}>
        <select value={value.timezone} onChange={(e) => set({ timezone: e.target.value })}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('accreditation.quota')} hint={t('accreditation.quotaHint')}>
        <input
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={value.delegateQuota}
          onChange={(e) => set({ delegateQuota: e.target.value })}
        />
      </Field>
      <Field label={t('accreditation.groups')} hint={t('accreditation.groupsHint')} className="span-2">
        <textarea rows={3} value={value.groups} onChange={(e) => set({ groups: e.target.value })} />
      </Field>
    </>
  );
}
