/** The zone to show times in: the event's IANA zone when the runtime knows it, else UTC. */
export function knownTimeZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** A date and time in one zone, in the mail's language, e.g. "4 November 2026 at 09:00". */
export const formatDateTime = (at: Date, locale: string, timeZone: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(at);

/** The zone named for people in 130 countries: its IANA name and its UTC offset on that day. */
export function zoneLabel(timeZone: string, at: Date): string {
  const offset =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const utcOffset = offset === 'GMT' ? 'UTC' : offset.replace('GMT', 'UTC');
  return timeZone === 'UTC' ? 'UTC' : `${timeZone} (${utcOffset})`;
}
