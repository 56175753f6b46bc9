import { iso6392 } from 'iso-639-2';

/** ISO 639-1 → ISO 639-2/T (the terminology code MP4 and HLS players expect: `fra`, `zho`, not `fre`, `chi`). */
const TO_639_2 = new Map(iso6392.filter((l) => l.iso6391).map((l) => [l.iso6391!, l.iso6392T ?? l.iso6392B]));

/** A channel's language as an MP4 track tag; `und` when it is not a known ISO 639-1 code. */
export function iso6392Of(language: string | null | undefined): string {
  return (language && TO_639_2.get(language.toLowerCase())) || 'und';
}

/** A channel's name in its own language (`Français`, `中文`), as players list it; the code when unknown. */
export function nativeName(language: string): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language);
    return name ? name.charAt(0).toLocaleUpperCase(language) + name.slice(1) : language;
  } catch {
    return language;
  }
}
