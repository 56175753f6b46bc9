import { parseRange } from './http-range';

describe('parseRange', () => {
  const size = 1000;

  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-2000', { start: 990, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
  ])('should answer the byte range when the header is %s', (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])(
    'should answer unsatisfiable when %s has no byte in the file',
    (header) => {
      expect(parseRange(header, size)).toBe('unsatisfiable');
    },
  );

  it.each([undefined, '', 'items=0-1', 'bytes=', 'bytes=-', 'bytes=5-1', 'bytes=0-1,5-9', 'bytes=a-b'])(
    'should serve the whole file when the header is %p',
    (header) => {
      expect(parseRange(header, size)).toBeNull();
    },
  );

  it('should answer unsatisfiable for any range of an empty file', () => {
    expect(parseRange('bytes=-10', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});
