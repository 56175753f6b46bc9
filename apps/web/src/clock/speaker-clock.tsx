import type { FloorClock } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { clockText, clockTone, remainingSeconds, type ClockTone } from './clock-math';
import { useNow } from './use-now';

export interface SpeakerClockProps {
  clock: FloorClock | null;
  /** Server time − local time, from the snapshot that carried this clock. */
  offsetMs: number;
  size?: 'large' | 'medium' | 'huge';
}

/**
 * The speaker's countdown, big and legible: amber near the end, red in overtime (with a text label, not only a
 * colour). The ticking digits are not announced; a tone change is, once, through its own live region.
 */
export function SpeakerClock({ clock, offsetMs, size = 'large' }: SpeakerClockProps) {
  const { t } = useTranslation();
  const now = useNow(250, clock !== null && clock.pausedAt === null);
  if (!clock) {
    return (
      <div className={`clock clock--${size} clock--idle`} data-testid="speaker-clock" data-tone="idle">
        <span className="clock__digits" aria-hidden="true">
          –:––
        </span>
        <span className="clock__label">{t('clock.idle')}</span>
      </div>
    );
  }
  const remaining = remainingSeconds(clock, offsetMs, now);
  const tone = clockTone(remaining, clock.allottedSeconds);
  const text = clockText(remaining);
  const spent = Math.min(1, Math.max(0, 1 - remaining / clock.allottedSeconds));
  return (
    <div
      className={`clock clock--${size} clock--${tone}${clock.pausedAt ? ' clock--paused' : ''}`}
      data-testid="speaker-clock"
      data-tone={tone}
      data-paused={clock.pausedAt ? 'true' : 'false'}
    >
      <span className="clock__digits" role="timer" aria-label={t('clock.remainingLabel', { time: text })}>
        {text}
      </span>
      <span className="clock__label">{clock.pausedAt ? t('clock.paused') : toneLabel(tone, t)}</span>
      <span className="clock__bar" aria-hidden="true">
        <span className="clock__bar-fill" style={{ width: `${spent * 100}%` }} />
      </span>
      <ToneAnnouncement tone={tone} />
    </div>
  );
}

function toneLabel(tone: ClockTone, t: (key: string) => string): string {
  if (tone === 'overtime') return t('clock.overtime');
  if (tone === 'warning') return t('clock.endingSoon');
  return t('clock.running');
}

/** Reads "Time is nearly up" / "Overtime" when the tone changes; the region's text stays until the next change. */
function ToneAnnouncement({ tone }: { tone: ClockTone }) {
  const { t } = useTranslation();
  const message =
    tone === 'overtime' ? t('clock.announceOvertime') : tone === 'warning' ? t('clock.announceWarning') : '';
  return (
    <span className="visually-hidden" aria-live="polite" data-testid="clock-announcement">
      {message}
    </span>
  );
}
