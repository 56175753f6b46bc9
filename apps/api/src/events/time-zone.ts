import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * An IANA time-zone name this runtime knows (e.g. "Europe/Zurich" for Geneva, "Asia/Shanghai", "UTC").
 * Checked with Intl rather than `Intl.supportedValuesOf('timeZone')`, which lists one name per zone (no
 * "UTC", "Asia/Calcutta" but not "Asia/Kolkata") though Intl accepts both; offsets such as "+02:00" are
 * refused: a zone has rules.
 */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const IsTimeZone = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: isTimeZone,
        defaultMessage: (args) =>
          `${args?.property ?? 'timezone'} must be an IANA time zone such as Europe/Zurich`,
      },
    },
    options,
  );
