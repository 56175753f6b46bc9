import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rest } from '../api/rest';
import {
  differsFromVisitor,
  formatZonedDateTime,
  formatZonedSlot,
  formatZonedTime,
  formatZonedTimes,
  sameDays,
  visitorZone as visitor,
  zoneAbbreviation,
  zoneLongName,
  zoneOf,
} from './time-zone';
import { useLoad } from './use-load';

/** The zone of the event a page is about, for times deep in its components (queue, questions). */
const EventZone = createContext<string | null>(null);

export function EventZoneProvider({ zone, children }: { zone: string | null; children: ReactNode }) {
  return <EventZone.Provider value={zone}>{children}</EventZone.Provider>;
}

/** The page's event zone; null where no event is known (then times are shown in the visitor's zone). */
export const useEventZone = () => useContext(EventZone);

type Props = { zone?: string | null; className?: string };

/**
 * A time in the event's zone, named ("14:00 – 15:30 UTC+1 (Europe/Zurich)"), then the visitor's own time
 * where their clock reads differently (without the date when their day is the same). Without a zone, the
 * visitor's own time.
 */
function ZonedText({
  isos,
  zone,
  className,
  format,
  formatTimes,
}: Props & {
  isos: string[];
  format(lang: string, zone: string): string;
  /** The same instants without their date. */
  formatTimes(lang: string, zone: string): string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const contextZone = useEventZone();
  const eventZone = zone ?? contextZone;
  const own = visitor();
  const at = new Date(isos[0]);
  if (!eventZone) {
    return (
      <time className={className} dateTime={isos[0]}>
        {format(lang, own)}
      </time>
    );
  }
  const abbreviation = zoneAbbreviation(at, eventZone, lang);
  const named = abbreviation === eventZone ? '' : ` (${eventZone})`;
  const local = sameDays(isos, eventZone, own) ? formatTimes(lang, own) : format(lang, own);
  return (
    <span className={`zoned${className ? ` ${className}` : ''}`} data-testid="zoned-time">
      <time dateTime={isos[0]} title={`${zoneLongName(at, eventZone, lang)} — ${eventZone}`}>
        {format(lang, eventZone)}
      </time>
      <span className="zoned__zone">{named}</span>
      {differsFromVisitor(at, eventZone, own) ? (
        <span className="zoned__local" data-testid="visitor-time">
          {' · '}
          {t('zones.yourTime', { time: local })}
        </span>
      ) : null}
    </span>
  );
}

/** A panel's or event's slot, in the event's zone. */
export function ZonedSlot({ startsAt, endsAt, ...props }: Props & { startsAt: string; endsAt: string }) {
  return (
    <ZonedText
      isos={[startsAt, endsAt]}
      {...props}
      format={(lang, zone) => formatZonedSlot(startsAt, endsAt, lang, zone)}
      formatTimes={(lang, zone) => formatZonedTimes(startsAt, endsAt, lang, zone)}
    />
  );
}

/** A date and time ("3 Dec 2026, 14:00 UTC+1"), in the event's zone. */
export function ZonedDateTime({ iso, ...props }: Props & { iso: string }) {
  return (
    <ZonedText
      isos={[iso]}
      {...props}
      format={(lang, zone) => formatZonedDateTime(iso, lang, zone)}
      formatTimes={(lang, zone) => formatZonedTime(iso, lang, zone)}
    />
  );
}

/** A time of day for dense lists (queue, questions): "14:02 UTC+1", in the event's zone, no second clock. */
export function ZonedClockTime({ iso, zone, className }: Props & { iso: string }) {
  const { i18n } = useTranslation();
  const contextZone = useEventZone();
  const shown = zone ?? contextZone ?? visitor();
  return (
    <time className={className} dateTime={iso} title={shown}>
      {formatZonedTime(iso, i18n.language, shown)}
    </time>
  );
}

/**
 * The zone of the event with this id, from the public programme (readable by anyone, signed in or not);
 * null until known.
 */
export function useZoneOfEvent(eventId: string | undefined): string | null {
  const events = useLoad(() => (eventId ? rest.publicEvents() : Promise.resolve([])), [eventId]);
  const event = events.data?.find((e) => e.id === eventId);
  return event ? zoneOf(event) : null;
}

/** Zones of every public event by id, for lists that span events (the archive). */
export function useZonesByEvent(): (eventId: string) => string | null {
  const events = useLoad(() => rest.publicEvents(), []);
  return (eventId) => {
    const event = events.data?.find((e) => e.id === eventId);
    return event ? zoneOf(event) : null;
  };
}
