/**
 * Times in an event's time zone (an IANA name; every time stays UTC on the wire). All zone knowledge comes
 * from Intl (the browser's tz database): offsets are read from Intl, never written down here.
 */
export const DEFAULT_ZONE = 'UTC';

/** An event's zone; events from before time zones (or an unknown name) fall back to UTC. */
export function zoneOf(event: object | null | undefined): string {
  const zone = (event as { timezone?: unknown } | null | undefined)?.timezone;
  return typeof zone === 'string' && isKnownZone(zone) ? zone : DEFAULT_ZONE;
}

export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The visitor's own zone, as the browser reports it. */
export function visitorZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_ZONE;
}

/** Every IANA zone the browser knows, for the staff's select (UTC first). */
export function allZones(): string[] {
  const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [DEFAULT_ZONE, ...listed.filter((z) => z !== DEFAULT_ZONE)];
}

/** Minutes east of UTC in `zone` at `date` (Intl's "GMT+05:30"). */
export function offsetMinutes(date: Date, zone: string): number {
  const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone: UTC itself
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** Whether the visitor's clock reads differently from the event's at that instant. */
export function differsFromVisitor(date: Date, zone: string, visitor = visitorZone()): boolean {
  return offsetMinutes(date, zone) !== offsetMinutes(date, visitor);
}

const parts = (lang: string, zone: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(lang, { ...options, timeZone: zone });

/** The zone's short name in the language ("CET", "UTC+1", "GMT+1"), at that instant (summer time differs). */
export function zoneAbbreviation(date: Date, zone: string, lang: string): string {
  return (
    parts(lang, zone, { timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? zone
  );
}

/** "Central European Time" / "heure d’Europe centrale" / "中欧时间". */
export function zoneLongName(date: Date, zone: string, lang: string): string {
  return (
    parts(lang, zone, { timeZoneName: 'long' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? zone
  );
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** "3 Dec 2026, 14:00 CET" in the zone. */
export function formatZonedDateTime(iso: string, lang: string, zone: string): string {
  return parts(lang, zone, { ...DATE, ...TIME, timeZoneName: 'short' }).format(new Date(iso));
}

/** "14:00 CET" in the zone. */
export function formatZonedTime(iso: string, lang: string, zone: string): string {
  return parts(lang, zone, { ...TIME, timeZoneName: 'short' }).format(new Date(iso));
}

/** "Thursday 3 December 2026, 14:00 – 15:30 CET", or a range across days, in the zone. */
export function formatZonedSlot(startsAt: string, endsAt: string, lang: string, zone: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const dayOf = (d: Date) => parts('en-CA', zone, DATE).format(d);
  if (dayOf(start) !== dayOf(end)) {
    return parts(lang, zone, { ...DATE, ...TIME, timeZoneName: 'short' }).formatRange(start, end);
  }
  const day = parts(lang, zone, DAY).format(start);
  const times = parts(lang, zone, { ...TIME, timeZoneName: 'short' }).formatRange(start, end);
  return `${day}, ${times}`;
}

/** "2:00 – 3:30 AM GMT+1": the times alone, for a visitor whose day is the same as the event's. */
export function formatZonedTimes(startsAt: string, endsAt: string, lang: string, zone: string): string {
  return parts(lang, zone, { ...TIME, timeZoneName: 'short' }).formatRange(
    new Date(startsAt),
    new Date(endsAt),
  );
}

/** Whether the instants fall on the same calendar days in both zones (then the visitor needs no date). */
export function sameDays(isos: string[], zone: string, other: string): boolean {
  const day = (iso: string, z: string) => parts('en-CA', z, DATE).format(new Date(iso));
  return isos.every((iso) => day(iso, zone) === day(iso, other));
}

/** A date range without times ("3 – 5 Dec 2026"), in the zone. */
export function formatZonedDates(startsAt: string, endsAt: string, lang: string, zone: string): string {
  return parts(lang, zone, DATE).formatRange(new Date(startsAt), new Date(endsAt));
}

/**
 * The wall time typed in a `datetime-local` field ("2026-12-03T14:00"), read in `zone`, as ISO UTC. Intl
 * gives the zone's offset at the guessed instant; a second look settles the hour around a change of offset.
 */
export function wallTimeToUtc(value: string, zone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return new Date(value).toISOString();
  const [, y, mo, d, h, mi] = match.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const first = asUtc - offsetMinutes(new Date(asUtc), zone) * 60_000;
  const second = asUtc - offsetMinutes(new Date(first), zone) * 60_000;
  return new Date(second).toISOString();
}

/** ISO UTC → the `datetime-local` value of that instant's wall time in `zone`. */
export function utcToWallTime(iso: string | undefined, zone: string): string {
  if (!iso) return '';
  const get = (type: string, p: Intl.DateTimeFormatPart[]) => p.find((x) => x.type === type)?.value ?? '00';
  const p = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  return `${get('year', p)}-${get('month', p)}-${get('day', p)}T${get('hour', p)}:${get('minute', p)}`;
}
