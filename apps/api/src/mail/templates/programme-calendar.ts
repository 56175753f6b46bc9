import ical, { ICalCalendarMethod } from 'ical-generator';
import type { MailAttachment } from '@rostrum/database';

export interface ProgrammePanel {
  id: string;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The event's programme as an iCalendar file: one VEVENT per panel, times in UTC (calendar apps show them
 * in the reader's zone). Stable UIDs, so a second invitation's file updates the same entries.
 */
export function programmeCalendar(
  event: { id: string; title: string },
  panels: ProgrammePanel[],
  publicHost: string,
): MailAttachment {
  const calendar = ical({
    name: event.title,
    prodId: { company: 'Rostrum', product: 'programme', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const panel of panels) {
    calendar.createEvent({
      id: `panel-${panel.id}@${publicHost}`,
      start: panel.startsAt,
      end: panel.endsAt,
      summary: panel.title,
      description: panel.description ?? undefined,
    });
  }
  return {
    filename: 'programme.ics',
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: calendar.toString(),
  };
}
