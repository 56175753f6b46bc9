import { newerBoothState, type BoothState } from '@rostrum/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/booths.css';
import { sendCommand, type LiveSocket } from '../live/live-client';
import { FLOOR } from '../webcast/channels';
import { useLanguageName } from '../webcast/language-menu';
import { useBoothStates } from './use-booth-live';

/**
 * Every interpretation booth of the panel, for its moderators: who is on air, who is online, what each booth
 * interprets from. On the console's own connection: after each join of the panel it joins again to read the
 * booths (a moderator's `panel:join` answer carries them; joining again changes nothing else), and follows
 * `booth:state`.
 */
export function BoothsOverview({
  socket,
  panelId,
  joins,
}: {
  socket: LiveSocket | null;
  panelId: string;
  /** usePanelLive's count of joins: the booths are read again after a reconnect. */
  joins: number;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const [booths, setBooths] = useState<BoothState[]>([]);
  const onState = useCallback(
    (state: BoothState) =>
      setBooths((list) => list.map((b) => (b.language === state.language ? newerBoothState(b, state) : b))),
    [],
  );
  useBoothStates(socket, panelId, onState);

  useEffect(() => {
    if (!socket || joins === 0) return;
    let current = true;
    void sendCommand(socket, 'panel:join', { panelId }).then((answer) => {
      const all = answer.ok ? (answer.data as { booths?: BoothState[] }).booths : undefined;
      if (all && current) setBooths(all);
    });
    return () => {
      current = false;
    };
  }, [socket, panelId, joins]);

  if (booths.length === 0) return null;
  return (
    <section
      className="card booths-overview"
      aria-labelledby="booths-overview-title"
      data-testid="booths-overview"
    >
      <h2 id="booths-overview-title">{t('interpret.overview')}</h2>
      <ul>
        {booths.map((b) => (
          <li key={b.language} data-testid={`booth-${b.language}`}>
            <strong>{languageName(b.language)}</strong>{' '}
            {b.live ? (
              <span>
                <span className="booth__on-air-mark" aria-hidden="true">
                  ●
                </span>{' '}
                {t('interpret.overviewLive', { name: b.live.name })}
              </span>
            ) : (
              <span className="muted">{t('interpret.overviewNobody')}</span>
            )}
            <small className="muted">
              {' · '}
              {t('interpret.overviewOnline', { count: b.online.length })}
              {b.relayFrom !== FLOOR
                ? ` · ${t('interpret.relayBooth', { language: languageName(b.relayFrom) })}`
                : null}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
