import { iso6392Of, nativeName } from './track-languages';

describe('track languages', () => {
  it('should tag tracks with ISO 639-2/T codes', () => {
    expect(['en', 'fr', 'zh', 'ar', 'es', 'ru', 'de'].map(iso6392Of)).toEqual([
      'eng',
      'fra',
      'zho',
      'ara',
      'spa',
      'rus',
      'deu',
    ]);
    expect(iso6392Of('xx')).toBe('und');
    expect(iso6392Of(null)).toBe('und');
  });

  it('should name each channel in its own language', () => {
    expect(['fr', 'zh', 'en', 'es'].map(nativeName)).toEqual(['Français', '中文', 'English', 'Español']);
  });
});
