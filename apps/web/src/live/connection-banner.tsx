import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelLiveState } from './panel-live-state';

/**
 * Shows a lost connection (and that it is being re-established), then, once the panel is joined again with a
 * fresh snapshot, says so for a few seconds.
 */
export function ConnectionBanner({ live }: { live: PanelLiveState }) {
  const { t } = useTranslation();
  const [recovered, setRecovered] = useState(false);
  const lost = useRef(false);

  useEffect(() => {
    if (live.connection === 'reconnecting' || live.connection === 'offline') lost.current = true;
    if (live.connection === 'online' && live.joined && lost.current) {
      lost.current = false;
      setRecovered(true);
      const id = setTimeout(() => setRecovered(false), 4000);
      return () => clearTimeout(id);
    }
  }, [live.connection, live.joined]);

  if (live.connection === 'reconnecting' || live.connection === 'offline') {
    return (
      <div className="banner banner--warning" role="alert" data-testid="connection-lost">
        <strong>{t('connection.lost')}</strong> {t('connection.reconnecting')}
        {live.connection === 'offline' ? (
          <button type="button" className="btn btn--small" onClick={() => window.location.reload()}>
            {t('connection.reload')}
          </button>
        ) : null}
      </div>
    );
  }
  if (live.connection === 'connecting' && !live.joined) {
    return (
      <p className="banner banner--info" role="status" data-testid="connecting">
        {t('connection.connecting')}
      </p>
    );
  }
  return (
    <p
      className="banner banner--success"
      role="status"
      hidden={!recovered}
      data-testid="connection-recovered"
    >
      {recovered ? t('connection.recovered') : ''}
    </p>
  );
}
