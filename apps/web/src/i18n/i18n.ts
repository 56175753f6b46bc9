import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { fr } from './locales/fr';
import { zh } from './locales/zh';

/** The sessions' working languages; the switch in the header offers these. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
  { code: 'zh', label: '中文' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'rostrum.language';
const isLanguage = (code: string | null | undefined): code is Language =>
  LANGUAGES.some((l) => l.code === code);

/** The stored choice, else the browser's first supported language, else English. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage disabled: fall through to the browser's languages
  }
  const browser = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2).toLowerCase());
  return browser.find(isLanguage) ?? 'en';
}

export function createI18n(language: Language = 'en'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  return instance;
}

/** Switches the UI language, remembers it, and tells assistive technology through <html lang>. */
export function applyLanguage(instance: I18n, language: Language): void {
  void instance.changeLanguage(language);
  document.documentElement.lang = language === 'zh' ? 'zh-Hans' : language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // storage disabled: the choice lasts until reload
  }
}
