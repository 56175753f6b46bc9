import type { WebcastChannel } from '@rostrum/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../staff/translations-editor';
import { FLOOR } from './channels';

/** A language's name in the visitor's own language ("fr" → "French" for an English visitor). */
export function useLanguageName(): (code: string) => string {
  const { i18n } = useTranslation();
  return (code) => languageName(code, i18n.language);
}

/**
 * The viewer's choice of what to hear: the floor, or one of the event's languages (its interpreter, with the
 * floor softly underneath). A language nobody interprets yet can still be chosen: it is heard as soon as an
 * interpreter goes on air.
 */
export function LanguageMenu({
  channels,
  value,
  onChange,
}: {
  channels: readonly WebcastChannel[];
  value: string;
  onChange: (channel: string) => void;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const id = useId();
  const labelOf = (c: WebcastChannel) => {
    if (c.language === FLOOR) return t('listen.floor');
    const language = languageName(c.language);
    return c.live ? t('listen.interpreted', { language }) : t('listen.notLive', { language });
  };
  return (
    <div className="language-menu" data-testid="language-menu">
      <label htmlFor={id}>{t('listen.label')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint`}
      >
        {channels.map((c) => (
          <option key={c.language} value={c.language}>
            {labelOf(c)}
          </option>
        ))}
      </select>
      <small id={`${id}-hint`} className="muted">
        {t('listen.hint')}
      </small>
    </div>
  );
}
