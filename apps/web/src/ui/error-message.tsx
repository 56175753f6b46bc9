import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http-client';

const DETAILED = new Set(['VALIDATION_FAILED', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * A contract error in the user's language, by its `code`; the server's message (English) only where no
 * translation exists.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const code = error instanceof ApiError ? error.code : (error as { code?: string } | null)?.code;
    const message = error instanceof Error ? error.message : (error as { message?: string } | null)?.message;
    if (!code || !i18n.exists(`errors.${code}`)) return message || t('errors.UNKNOWN');
    // For these the server's message says what exactly (which field, which item). It is English: kept as
    // the detail in English only, never mixed into a French or Chinese sentence.
    const detailed = DETAILED.has(code) && message && i18n.resolvedLanguage === 'en';
    return detailed ? `${t(`errors.${code}`)} (${message})` : t(`errors.${code}`);
  };
}

export function ErrorText({ error }: { error: unknown }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p className="notice notice--error" role="alert">
      {text(error)}
    </p>
  );
}
