import type { PanelSnapshot } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';

interface SpeakerControlsProps {
  snapshot: PanelSnapshot;
  busy: boolean;
  onPause(): void;
  onResume(): void;
  onExtend(seconds: number): void;
  onEnd(): void;
}

/** Pause/resume, extend by 30 s or 1 min, end the speech: large buttons, usable on a tablet. */
export function SpeakerControls({
  snapshot,
  busy,
  onPause,
  onResume,
  onExtend,
  onEnd,
}: SpeakerControlsProps) {
  const { t } = useTranslation();
  const paused = snapshot.clock?.pausedAt !== null && snapshot.clock?.pausedAt !== undefined;
  const disabled = busy || !snapshot.speaker;
  return (
    <div className="speaker-controls" role="group" aria-label={t('console.speakerControls')}>
      {paused ? (
        <button type="button" className="btn btn--large" disabled={disabled} onClick={onResume}>
          {t('console.resume')}
        </button>
      ) : (
        <button type="button" className="btn btn--large" disabled={disabled} onClick={onPause}>
          {t('console.pause')}
        </button>
      )}
      <button type="button" className="btn btn--large" disabled={disabled} onClick={() => onExtend(30)}>
        {t('console.extend30')}
      </button>
      <button type="button" className="btn btn--large" disabled={disabled} onClick={() => onExtend(60)}>
        {t('console.extend60')}
      </button>
      <button type="button" className="btn btn--large btn--danger" disabled={disabled} onClick={onEnd}>
        {t('console.endSpeech')}
      </button>
    </div>
  );
}
