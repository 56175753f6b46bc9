import { ConfigError, loadConfig } from './app-config';

const LIVEKIT = {
  LIVEKIT_URL: 'http://livekit:7880',
  LIVEKIT_API_KEY: 'APIkey',
  LIVEKIT_API_SECRET: 'a-livekit-secret-of-at-least-32-chars',
};

describe('loadConfig: LiveKit', () => {
  it('should leave the webcast off when no LIVEKIT_* variable is set', () => {
    expect(loadConfig({}).livekit).toBeNull();
  });

  it('should give browsers LIVEKIT_URL unless LIVEKIT_PUBLIC_URL says otherwise', () => {
    expect(loadConfig(LIVEKIT).livekit).toMatchObject({
      url: LIVEKIT.LIVEKIT_URL,
      publicUrl: LIVEKIT.LIVEKIT_URL,
    });
    const sut = loadConfig({ ...LIVEKIT, LIVEKIT_PUBLIC_URL: 'wss://live.example.org' });
    expect(sut.livekit).toMatchObject({ url: LIVEKIT.LIVEKIT_URL, publicUrl: 'wss://live.example.org' });
  });

  it('should refuse LIVEKIT_PUBLIC_URL alone, or one that is not a URL, naming the variable', () => {
    expect(() => loadConfig({ LIVEKIT_PUBLIC_URL: 'wss://live.example.org' })).toThrow(
      new ConfigError('LIVEKIT_URL', 'is required when any LIVEKIT_* variable is set'),
    );
    expect(() => loadConfig({ ...LIVEKIT, LIVEKIT_PUBLIC_URL: 'live.example.org' })).toThrow(
      /LIVEKIT_PUBLIC_URL/,
    );
  });
});
