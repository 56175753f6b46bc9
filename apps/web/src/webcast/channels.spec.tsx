import { FLOOR, FLOOR_UNDER_VOLUME, pickChannel, volumeFor } from './channels';

const floorSpeaker = { role: 'delegate' };
const french = { role: 'interpreter', language: 'fr' };
const chinese = { role: 'interpreter', language: 'zh' };

describe('volumeFor', () => {
  it('should give the floor at full volume and no interpreter to a listener of the floor', () => {
    expect(volumeFor(floorSpeaker, FLOOR)).toBe(1);
    expect(volumeFor({}, FLOOR)).toBe(1); // a participant without attributes is the floor
    expect(volumeFor(french, FLOOR)).toBeNull();
  });

  it('should give a language’s listener its interpreter, the floor at about 15 %, and no other booth', () => {
    expect(volumeFor(french, 'fr')).toBe(1);
    expect(volumeFor(floorSpeaker, 'fr')).toBe(FLOOR_UNDER_VOLUME);
    expect(FLOOR_UNDER_VOLUME).toBeCloseTo(0.15);
    expect(volumeFor(chinese, 'fr')).toBeNull();
  });
});

describe('pickChannel', () => {
  const channels = [
    { language: FLOOR, live: true },
    { language: 'fr', live: false },
  ];

  it('should keep a remembered channel the panel offers, live or not, and fall back to the floor', () => {
    expect(pickChannel('fr', channels)).toBe('fr');
    expect(pickChannel('zh', channels)).toBe(FLOOR);
    expect(pickChannel(null, channels)).toBe(FLOOR);
  });
});
