import { channelOffsetSeconds } from './archive.service';
import { audioTrackPlan, channelFilter } from './channel-mix';
import { masterPlaylist } from './hls-package';

describe('channel mix', () => {
  it('should delay a channel that started after the video, and fill and cut it to the video’s length', () => {
    expect(channelFilter(7.3, 60)).toBe(
      'aresample=async=1:first_pts=0,adelay=delays=7300:all=1,' +
        'aformat=channel_layouts=mono,apad=whole_dur=60.000,atrim=end=60.000',
    );
  });

  it('should cut the head of a channel that started before the video', () => {
    expect(channelFilter(-1.25, 30)).toContain('atrim=start=1.250,asetpts=PTS-STARTPTS');
  });

  it('should put the floor first, tagged with the event’s first language, then each channel by name', () => {
    const channels = [
      { language: 'fr', source: '/r/fr.mp4', offsetSeconds: 0 },
      { language: 'zh', source: '/r/zh.mp4', offsetSeconds: 0 },
    ];
    expect(audioTrackPlan('en', channels)).toEqual([
      { language: 'floor', tag: 'eng', title: 'Floor' },
      { language: 'fr', tag: 'fra', title: 'Français' },
      { language: 'zh', tag: 'zho', title: '中文' },
    ]);
    expect(audioTrackPlan(null, [])[0].tag).toBe('und');
  });

  it('should name the HLS renditions by their tracks', () => {
    const tracks = audioTrackPlan('en', [{ language: 'fr', source: '', offsetSeconds: 0 }]);
    const master = masterPlaylist(tracks, 'en', 'avc1.64001f,mp4a.40.2', 3_000_000);
    expect(master).toContain('NAME="Floor",DEFAULT=YES,LANGUAGE="en",URI="floor/index.m3u8"');
    expect(master).toContain('NAME="Français",DEFAULT=NO,LANGUAGE="fr",URI="fr/index.m3u8"');
    expect(master).toMatch(/#EXT-X-STREAM-INF:.*AUDIO="audio"\nvideo\/index\.m3u8/);
  });

  it('should take an import’s offset as given, else the difference of the media start times', () => {
    const video = new Date('2026-12-03T09:00:00.000Z');
    expect(channelOffsetSeconds(video, { offsetSeconds: 3.5, mediaStartedAt: null })).toBe(3.5);
    expect(
      channelOffsetSeconds(video, { offsetSeconds: null, mediaStartedAt: '2026-12-03T09:00:07.300Z' }),
    ).toBeCloseTo(7.3, 6);
    expect(
      channelOffsetSeconds(video, { offsetSeconds: null, mediaStartedAt: '2026-12-03T08:59:59.000Z' }),
    ).toBe(-1);
    expect(channelOffsetSeconds(null, { offsetSeconds: null, mediaStartedAt: null })).toBe(0);
  });
});
