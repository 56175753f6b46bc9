import type { PanelSnapshot } from '@rostrum/contracts';
import { useTranslation } from 'react-i18next';
import { useNow } from '../clock/use-now';
import { formatDuration } from '../ui/format';
import { windowAt } from './window-math';

/**
 * The delegate-interaction window: what is left, what the queue needs, and the overrun to act on, counted
 * down every second between snapshots.
 */
export function WindowStatus({ snapshot, offsetMs }: { snapshot: PanelSnapshot | null; offsetMs: number }) {
  const { t } = useTranslation();
  const now = useNow(1000, snapshot?.status === 'live' && !!snapshot.window);
  const window = snapshot ? windowAt(snapshot, now + offsetMs) : null;
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
          <dd data-testid="window-remaining">{formatDuration(window.remainingSeconds)}</dd>
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
