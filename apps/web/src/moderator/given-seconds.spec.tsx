import { parseGivenSeconds } from './given-seconds';

describe('parseGivenSeconds', () => {
  it('should read an empty field as "the usual time" and a whole 1–3600 as that many seconds', () => {
    expect(parseGivenSeconds('')).toBeNull();
    expect(parseGivenSeconds('  ')).toBeNull();
    expect(parseGivenSeconds('45')).toBe(45);
    expect(parseGivenSeconds(' 1 ')).toBe(1);
    expect(parseGivenSeconds('3600')).toBe(3600);
  });

  it('should call anything the server would refuse invalid', () => {
    for (const text of ['0', '3601', '12.5', '-5', '1e3', 'abc', '60s']) {
      expect(parseGivenSeconds(text)).toBe('invalid');
    }
  });
});
