import type { InteractionWindow } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../ui/format';

/** The delegate-interaction window: what is left, what the queue needs, and the overrun to act on. */
export function WindowStatus({ window }: { window: InteractionWindow | null }) {
  const { t } = useTranslation();
  if (!window) return null;
  const overrun = window.overrunSeconds > 0;
  return (
    <section
      className={`card window${overrun ? ' window--overrun' : ''}`}
      aria-labelledby="window-title"
      data-testid="interaction-window"
    >
      <h2 id="window-title">{t('console.window')}</h2>
      <dl className="stats">
        <div>
          <dt>{t('console.windowRemaining')}</dt>
          <dd>{formatDuration(window.remainingSeconds)}</dd>
        </div>
        <div>
          <dt>{t('console.windowQueued')}</dt>
          <dd>{formatDuration(window.queuedSeconds)}</dd>
        </div>
      </dl>
      {overrun ? (
        <p className="notice notice--warning" role="status">
          {t('console.windowOverrun', { time: formatDuration(window.overrunSeconds) })}
        </p>
      ) : (
        <p className="muted">{t('console.windowFits')}</p>
      )}
    </section>
  );
}
