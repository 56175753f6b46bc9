import { captionsToWebVtt, chaptersToWebVtt, vttTime } from './chapters-vtt';

describe('chaptersToWebVtt', () => {
  it('should write one numbered cue per chapter when given chapters', () => {
    const sut = chaptersToWebVtt([
      { startSeconds: 0, endSeconds: 3.5, title: 'Brazil — Statement' },
      { startSeconds: 3725.25, endSeconds: 3800, title: 'Point of order' },
    ]);

    expect(sut).toBe(
      'WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.500\nBrazil — Statement\n\n2\n01:02:05.250 --> 01:03:20.000\nPoint of order\n',
    );
  });

  it('should escape markup and keep a title on one line when it holds newlines or arrows', () => {
    const sut = chaptersToWebVtt([{ startSeconds: 1, endSeconds: 2, title: 'A & B\n\n--> <b>' }]);

    expect(sut).toContain('\nA &amp; B --&gt; &lt;b&gt;\n');
    expect(sut.split('-->')).toHaveLength(2);
  });

  it('should be a valid empty file when there are no chapters', () => {
    expect(chaptersToWebVtt([])).toBe('WEBVTT\n');
  });
});

describe('vttTime', () => {
  it('should round to milliseconds when given fractional seconds', () => {
    expect(vttTime(59.9996)).toBe('00:01:00.000');
  });
});

describe('captionsToWebVtt', () => {
  it('should write one cue per line, in two lines at the space nearest the middle when longer than one', () => {
    const sut = captionsToWebVtt([
      { startSeconds: 1, endSeconds: 3.4, text: 'the delegation of brazil thanks the panel' },
      { startSeconds: 5.2, endSeconds: 8.1, text: 'ownership of data matters to developing countries' },
    ]);

    expect(sut).toBe(
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.400\nthe delegation of brazil thanks the panel\n\n' +
        '2\n00:00:05.200 --> 00:00:08.100\nownership of data matters\nto developing countries\n',
    );
  });
});
