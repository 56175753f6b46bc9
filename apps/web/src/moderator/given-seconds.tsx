import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What `floor:grant` and `floor:next` accept as `seconds`. */
export const GIVEN_SECONDS_MIN = 1;
export const GIVEN_SECONDS_MAX = 3600;

/** The "Time to give" field's text: null when empty (the kind's own time), 'invalid' when not 1–3600 whole seconds. */
export function parseGivenSeconds(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const seconds = Number(trimmed);
  return seconds >= GIVEN_SECONDS_MIN && seconds <= GIVEN_SECONDS_MAX ? seconds : 'invalid';
}

/**
 * The time the moderator gives the next speaker. It is for one speaker: cleared once a grant or next using it
 * succeeded. An invalid value is never sent (it would fail every click): the field says so and takes focus.
 */
export function useGivenSeconds() {
  const [text, setText] = useState('');
  const [complained, setComplained] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const parsed = parseGivenSeconds(text);
  return {
    text,
    inputRef,
    invalid: parsed === 'invalid',
    showInvalid: parsed === 'invalid' && complained,
    change(value: string) {
      setText(value);
      setComplained(false);
    },
    /** The payload part to send, or null (and the field complains) when the value cannot be sent. */
    take(): { seconds?: number } | null {
      if (parsed === 'invalid') {
        setComplained(true);
        inputRef.current?.focus();
        return null;
      }
      return parsed === null ? {} : { seconds: parsed };
    },
    clear() {
      setText('');
      setComplained(false);
    },
  };
}

export type GivenSeconds = ReturnType<typeof useGivenSeconds>;

export function GivenSecondsField({ given, placeholder }: { given: GivenSeconds; placeholder: string }) {
  const { t } = useTranslation();
  const invalid = given.invalid;
  return (
    <div className="grant-seconds">
      <label htmlFor="grant-seconds">{t('console.grantSeconds')}</label>
      <input
        id="grant-seconds"
        ref={given.inputRef}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={placeholder}
        value={given.text}
        aria-invalid={invalid || undefined}
        aria-describedby="grant-seconds-hint"
        onChange={(e) => given.change(e.target.value)}
      />
      <span
        id="grant-seconds-hint"
        className={invalid ? 'field__error' : 'field__hint'}
        role={given.showInvalid ? 'alert' : undefined}
        data-testid="grant-seconds-hint"
      >
        {invalid
          ? t('console.grantSecondsInvalid', { min: GIVEN_SECONDS_MIN, max: GIVEN_SECONDS_MAX })
          : t('console.grantSecondsHint')}
      </span>
    </div>
  );
}
