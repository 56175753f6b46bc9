import { isTimeZone } from './time-zone';

describe('isTimeZone', () => {
  it.each([
    'UTC',
    'Europe/Zurich',
    'Asia/Shanghai',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+5',
    'Asia/Kolkata',
  ])('should accept %s', (zone) => expect(isTimeZone(zone)).toBe(true));

  it.each(['', 'Mars/Olympus_Mons', '+02:00', 'Europe/', 'Europe/Geneva', '../etc/passwd', 42, null])(
    'should refuse %p',
    (zone) => expect(isTimeZone(zone)).toBe(false),
  );
});
