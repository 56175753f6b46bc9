import type { ContentTranslation, TranslatedField, Translations } from '@rostrum/contracts';
import '../styles/interp.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface TranslationsEditorProps {
  /** What this content translates (an event: title and description). */
  fields: readonly TranslatedField[];
  /** The text as typed, shown beside each translation. */
  original: Partial<Record<TranslatedField, string | string[] | null>>;
  /** The languages offered (the event's, besides the floor's usual one). */
  languages: string[];
  value: Translations;
  onChange(value: Translations): void;
}

/**
 * One language at a time, each field's original beside its translation (stacked on a phone). Guiding
 * questions are one per line; blank lines and fields are dropped by the API, which then shows the original.
 */
export function TranslationsEditor({
  fields,
  original,
  languages,
  value,
  onChange,
}: TranslationsEditorProps) {
  const { t, i18n } = useTranslation();
  const offered = [...new Set([...languages, ...Object.keys(value)])];
  const [language, setLanguage] = useState(offered[0] ?? '');
  const id = useId();
  const name = (code: string) => languageName(code, i18n.language);
  const current: ContentTranslation = value[language] ?? {};

  const set = (field: TranslatedField, text: string) => {
    const next: ContentTranslation = {
      ...current,
      [field]: field === 'guidingQuestions' ? text.split('\n') : text,
    };
    onChange({ ...value, [language]: next });
  };

  if (offered.length === 0) return null;
  return (
    <fieldset className="span-2 translations" data-testid="translations-editor">
      <legend>{t('translations.legend')}</legend>
      <p className="field__hint">{t('translations.hint')}</p>
      <div className="field translations__language">
        <label className="field__label" htmlFor={`${id}-language`}>
          {t('translations.language')}
        </label>
        <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value)}>
          {offered.map((code) => (
            <option key={code} value={code}>
              {name(code)}
            </option>
          ))}
        </select>
      </div>
      {fields.map((field) => {
        const inputId = `${id}-${field}`;
        const source = original[field];
        const sourceText = Array.isArray(source) ? source.join('\n') : (source ?? '');
        const text = current[field];
        const shown = Array.isArray(text) ? text.join('\n') : (text ?? '');
        const multiline = field === 'description' || field === 'guidingQuestions';
        return (
          <div className="translations__row" key={field}>
            <div className="translations__original">
              <span className="field__label">
                {t(`translations.fields.${field}`)} · {t('translations.original')}
              </span>
              <p className="translations__source">{sourceText || t('translations.empty')}</p>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={inputId}>
                {t(`translations.fields.${field}`)} ·{' '}
                {t('translations.translation', { language: name(language) })}
              </label>
              {multiline ? (
                <textarea
                  id={inputId}
                  lang={language}
                  rows={field === 'guidingQuestions' ? 4 : 3}
                  value={shown}
                  onChange={(e) => set(field, e.target.value)}
                />
              ) : (
                <input
                  id={inputId}
                  lang={language}
                  maxLength={300}
                  value={shown}
                  onChange={(e) => set(field, e.target.value)}
                />
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** "French" / "français" / "法语": the platform's names, in the interface's language. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The languages staff translate into: the event's besides its first (the floor's), else the site's. */
export function translationLanguages(eventLanguages: string[] | undefined): string[] {
  const others = (eventLanguages ?? []).slice(1).filter((l) => /^[a-z]{2}$/.test(l));
  return others.length > 0 ? others : ['fr', 'zh'];
}
