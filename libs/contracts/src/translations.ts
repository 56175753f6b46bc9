/**
 * Content in several languages (CONTRACT.md, "Simultaneous interpretation and content in several languages"):
 * events and panels carry `translations` keyed by ISO 639-1 code; the site shows the visitor's language and
 * falls back, field by field, to the text as it was typed.
 */
export interface ContentTranslation {
  title?: string;
  theme?: string;
  description?: string;
  guidingQuestions?: string[];
}

export type Translations = Record<string, ContentTranslation>;

/** What each kind of content may translate (an event has no theme nor guiding questions). */
export const EVENT_TRANSLATED_FIELDS = ['title', 'description'] as const;
export const PANEL_TRANSLATED_FIELDS = ['title', 'theme', 'description', 'guidingQuestions'] as const;
export type TranslatedField = (typeof PANEL_TRANSLATED_FIELDS)[number];

/** The same bounds as the original fields (the panel and event DTOs). */
export const TRANSLATION_LIMITS = {
  languages: 20,
  title: 300,
  theme: 300,
  description: 10_000,
  guidingQuestions: 30,
  guidingQuestion: 1000,
} as const;

/**
 * A two-letter ISO 639-1 code that the platform's language data knows ("fr", "zh"; not "xx", "FR" or
 * "fr-CA"). Intl carries the ISO list, so no table is kept here.
 */
export function isKnownLanguageCode(code: unknown): boolean {
  if (typeof code !== 'string' || !/^[a-z]{2}$/.test(code)) return false;
  return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code) !== undefined;
}

/** The primary subtag of a UI language ("fr-CA" → "fr"). */
export const primaryLanguage = (language: string) => language.split('-')[0].toLowerCase();

type Translatable = {
  title: string;
  theme?: string | null;
  description?: string | null;
  guidingQuestions?: string[];
  translations?: Translations;
};

/** The content in `language`, each field falling back to the original when that language has none for it. */
export function localizeContent<T extends Translatable>(content: T, language: string): T {
  const t = content.translations?.[primaryLanguage(language)];
  if (!t) return content;
  return {
    ...content,
    title: t.title || content.title,
    ...(content.theme !== undefined ? { theme: t.theme || content.theme } : {}),
    ...(content.description !== undefined ? { description: t.description || content.description } : {}),
    ...(content.guidingQuestions !== undefined
      ? { guidingQuestions: t.guidingQuestions?.length ? t.guidingQuestions : content.guidingQuestions }
      : {}),
  };
}
