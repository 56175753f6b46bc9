import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import { isKnownLanguageCode, TRANSLATION_LIMITS, TranslatedField } from '@rostrum/contracts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why `translations` is refused, or null: keys are known ISO 639-1 codes, values objects holding only the
 * fields this content translates, each within the original field's bounds.
 */
export function translationsProblem(value: unknown, fields: readonly TranslatedField[]): string | null {
  if (!isObject(value)) return 'translations must be an object keyed by language code';
  const entries = Object.entries(value);
  if (entries.length > TRANSLATION_LIMITS.languages)
    return `translations may hold at most ${TRANSLATION_LIMITS.languages} languages`;
  for (const [language, translation] of entries) {
    if (!isKnownLanguageCode(language))
      return `translations: ${JSON.stringify(language.slice(0, 20))} is not an ISO 639-1 language code such as fr or zh`;
    if (!isObject(translation)) return `translations.${language} must be an object`;
    for (const [field, text] of Object.entries(translation)) {
      const problem = fieldProblem(field, text, fields);
      if (problem) return `translations.${language}.${problem}`;
    }
  }
  return null;
}

function fieldProblem(field: string, text: unknown, fields: readonly TranslatedField[]): string | null {
  if (!(fields as readonly string[]).includes(field))
    return `${field} is not allowed (translatable: ${fields.join(', ')})`;
  if (field === 'guidingQuestions') {
    if (!Array.isArray(text) || text.some((q) => typeof q !== 'string'))
      return `${field} must be an array of strings`;
    if (text.length > TRANSLATION_LIMITS.guidingQuestions)
      return `${field} may hold at most ${TRANSLATION_LIMITS.guidingQuestions} questions`;
    if ((text as string[]).some((q) => q.length > TRANSLATION_LIMITS.guidingQuestion))
      return `${field} must each be at most ${TRANSLATION_LIMITS.guidingQuestion} characters`;
    return null;
  }
  if (typeof text !== 'string') return `${field} must be a string`;
  const max = TRANSLATION_LIMITS[field as 'title' | 'theme' | 'description'];
  return text.length > max ? `${field} must be at most ${max} characters` : null;
}

/**
 * Trims every text and drops what is left empty (a blank field in the staff form means "no translation",
 * so the site falls back to the original). Anything malformed is left for the validator to name.
 */
export function normalizeTranslations(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [language, translation] of Object.entries(value)) {
    if (!isObject(translation)) {
      out[language] = translation;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [field, text] of Object.entries(translation)) {
      const trimmed = Array.isArray(text)
        ? text.map((q: unknown) => (typeof q === 'string' ? q.trim() : q)).filter((q) => q !== '')
        : typeof text === 'string'
          ? text.trim()
          : text;
      if (trimmed !== '' && !(Array.isArray(trimmed) && trimmed.length === 0)) kept[field] = trimmed;
    }
    if (Object.keys(kept).length > 0) out[language] = kept;
  }
  return out;
}

/** `translations` on a create or update DTO: optional, normalized, validated. */
export function TranslationsProperty(fields: readonly TranslatedField[]) {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: { type: 'object' },
      description:
        `{[ISO 639-1 code]: {${fields.map((f) => `${f}?`).join(', ')}}}; replaces the whole set when given. ` +
        'Blank texts are dropped (the site then shows the original).',
      example: { fr: { title: 'Les œuvres générées par l’IA et le droit d’auteur' } },
    }),
    IsOptional(),
    Transform(({ value }) => normalizeTranslations(value)),
    ValidateBy({
      name: 'isTranslations',
      validator: {
        validate: (value: unknown) => translationsProblem(value, fields) === null,
        defaultMessage: (args) => translationsProblem(args?.value, fields) ?? 'translations are invalid',
      },
    }),
  );
}
