import { screen } from '@testing-library/react';
import { renderWithI18n } from '../test-support/render';
import {
  differsFromVisitor,
  formatZonedSlot,
  offsetMinutes,
  utcToWallTime,
  wallTimeToUtc,
  zoneOf,
} from './time-zone';
import { ZonedSlot } from './zoned-time';

/** Intl separates with narrow and no-break spaces: compare as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ');

describe('times in an event’s zone', () => {
  it('should read the zone’s offset from Intl, summer time included', () => {
    expect(offsetMinutes(new Date('2026-12-03T12:00:00Z'), 'Europe/Zurich')).toBe(60);
    expect(offsetMinutes(new Date('2026-07-03T12:00:00Z'), 'Europe/Zurich')).toBe(120);
    expect(offsetMinutes(new Date('2026-07-03T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(new Date('2026-07-03T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2026-07-03T12:00:00Z'), 'UTC')).toBe(0);
  });

  it('should turn a wall time typed for the venue into UTC and back, across a change of offset', () => {
    expect(wallTimeToUtc('2026-12-03T14:00', 'Europe/Zurich')).toBe('2026-12-03T13:00:00.000Z');
    expect(wallTimeToUtc('2026-07-03T14:00', 'Europe/Zurich')).toBe('2026-07-03T12:00:00.000Z');
    expect(wallTimeToUtc('2026-03-29T03:30', 'Europe/Zurich')).toBe('2026-03-29T01:30:00.000Z');
    expect(wallTimeToUtc('2026-12-03T09:00', 'Asia/Shanghai')).toBe('2026-12-03T01:00:00.000Z');
    expect(utcToWallTime('2026-12-03T13:00:00.000Z', 'Europe/Zurich')).toBe('2026-12-03T14:00');
    expect(utcToWallTime('2026-12-03T01:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-03T09:00');
  });

  it('should fall back to UTC for an event without a zone or with an unknown one', () => {
    expect(zoneOf({})).toBe('UTC');
    expect(zoneOf({ timezone: 'Mars/Olympus_Mons' })).toBe('UTC');
    expect(zoneOf({ timezone: 'Asia/Tokyo' })).toBe('Asia/Tokyo');
  });

  it('should write a slot in the zone in English, French and Chinese', () => {
    const [start, end] = ['2026-12-03T13:00:00Z', '2026-12-03T14:30:00Z'];
    expect(plain(formatZonedSlot(start, end, 'en', 'Europe/Zurich'))).toBe(
      'Thursday, December 3, 2026, 2:00 – 3:30 PM GMT+1',
    );
    expect(plain(formatZonedSlot(start, end, 'fr', 'Europe/Zurich'))).toBe(
      'jeudi 3 décembre 2026, 14:00 – 15:30 UTC+1',
    );
    expect(plain(formatZonedSlot(start, end, 'zh', 'Asia/Shanghai'))).toContain('21:00–22:30');
    expect(differsFromVisitor(new Date(start), 'Europe/Zurich', 'Europe/Paris')).toBe(false);
    expect(differsFromVisitor(new Date(start), 'Europe/Zurich', 'Asia/Shanghai')).toBe(true);
  });

  it('should name the zone and add the visitor’s own time only where it differs', () => {
    renderWithI18n(
      <ZonedSlot startsAt="2026-12-03T13:00:00Z" endsAt="2026-12-03T14:30:00Z" zone="Pacific/Auckland" />,
      'fr',
    );
    const shown = plain(screen.getByTestId('zoned-time').textContent);
    expect(shown).toContain('vendredi 4 décembre 2026, 02:00 – 03:30 UTC+13 (Pacific/Auckland)');
    expect(screen.getByTestId('visitor-time').textContent).toContain('à votre heure');
  });
});
