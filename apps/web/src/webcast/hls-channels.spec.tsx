import { FLOOR, FLOOR_UNDER_VOLUME } from './channels';
import { hlsChannels, hlsListening, resyncTarget } from './hls-channels';

const streams = [
  { language: FLOOR, url: '/hls/live.m3u8' },
  { language: 'fr', url: '/hls/fr/live.m3u8' },
];

describe('hlsListening', () => {
  it('should play the floor alone at full volume', () => {
    expect(hlsListening(FLOOR, streams)).toEqual({ floorVolume: 1, languageUrl: null });
  });

  it('should play a language’s audio stream with the floor at about 15 % under it', () => {
    expect(hlsListening('fr', streams)).toEqual({
      floorVolume: FLOOR_UNDER_VOLUME,
      languageUrl: '/hls/fr/live.m3u8',
    });
    expect(FLOOR_UNDER_VOLUME).toBeCloseTo(0.15);
  });

  it('should fall back to the floor for a language without a stream', () => {
    expect(hlsListening('zh', streams)).toEqual({ floorVolume: 1, languageUrl: null });
  });
});

describe('hlsChannels', () => {
  it('should offer every stream, floor first, in the menu', () => {
    expect(hlsChannels(streams)).toEqual([
      { language: FLOOR, live: true },
      { language: 'fr', live: true },
    ]);
  });
});

describe('resyncTarget', () => {
  it('should leave the audio alone within a second of the video', () => {
    expect(resyncTarget(100, 3.5, 3)).toBeNull();
    expect(resyncTarget(100, 2.2, 3)).toBeNull();
  });

  it('should move the audio forward when it lags, back when it runs ahead', () => {
    expect(resyncTarget(100, 6, 3)).toBe(103);
    expect(resyncTarget(100, 1, 3)).toBe(98);
  });
});
