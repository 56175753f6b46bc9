import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptionSegment } from '@rostrum/contracts';
import { connectLive, sendCommand } from '../live/live-client';

/** How many caption lines stay on screen: the last two, like a subtitle. */
const LINES_SHOWN = 2;

/**
 * Live captions of a live panel (LIVE_CAPTIONS on the server): a CC toggle and, when on, the last lines the
 * worker heard, from `caption:segment`. Its own connection, opened only while captions are on, so viewers
 * who never turn them on cost nothing.
 */
export function LiveCaptions({ panelId }: { panelId: string }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  const [lines, setLines] = useState<CaptionSegment[]>([]);

  useEffect(() => {
    if (!on) return;
    const socket = connectLive();
    socket.on('connect', () => void sendCommand(socket, 'panel:join', { panelId }));
    socket.on('caption:segment', (caption) => {
      if (caption.panelId === panelId) setLines((shown) => [...shown, caption].slice(-LINES_SHOWN));
    });
    return () => {
      socket.close();
      setLines([]);
    };
  }, [on, panelId]);

  return (
    <section className="card live-captions" aria-label={t('liveCaptions.title')}>
      <button
        type="button"
        className="btn btn--small"
        aria-pressed={on}
        aria-label={on ? t('liveCaptions.on') : t('liveCaptions.off')}
        onClick={() => setOn(!on)}
        data-testid="live-captions-toggle"
      >
        {t('liveCaptions.toggle')}
      </button>
      {on ? (
        <div className="live-captions__text" aria-live="polite" data-testid="live-captions">
          {lines.length ? (
            lines.map((line) => <p key={line.startSeconds}>{line.text}</p>)
          ) : (
            <p className="muted">{t('liveCaptions.waiting')}</p>
          )}
          <p className="muted small">{t('liveCaptions.machineMade')}</p>
        </div>
      ) : null}
    </section>
  );
}
