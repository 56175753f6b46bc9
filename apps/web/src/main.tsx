import '@livekit/components-styles';
import './styles/app.css';
import './styles/accreditation.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app';
import { applyLanguage, createI18n, initialLanguage } from './i18n/i18n';

const language = initialLanguage();
const i18n = createI18n(language);
applyLanguage(i18n, language);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
