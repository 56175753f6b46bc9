import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../i18n/i18n';

/** Renders a component with the app's real translations (English unless told). */
export function renderWithI18n(ui: ReactElement, language: Language = 'en'): RenderResult {
  const i18n = createI18n(language);
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}
