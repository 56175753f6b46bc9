import { parseHlsPlaylist } from './hls-playlist';

describe('parseHlsPlaylist', () => {
  it('should list the segments with their length and program date-time, skipping anything not a bare name', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:4',
      '#EXT-X-MEDIA-SEQUENCE:7',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-03T10:00:04.000Z',
      '#EXTINF:4.000000,',
      'segment_00007.ts',
      '#EXTINF:3.960000,',
      'segment_00008.ts',
      '#EXTINF:4.0,',
      '../elsewhere/secret.ts',
      '',
    ].join('\n');
    expect(parseHlsPlaylist(text)).toEqual([
      { name: 'segment_00007.ts', durationSeconds: 4, programDateTime: new Date('2026-12-03T10:00:04.000Z') },
      { name: 'segment_00008.ts', durationSeconds: 3.96, programDateTime: null },
    ]);
  });
});
