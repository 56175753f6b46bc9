import type { BoothView, PanelView, UserView } from '@rostrum/contracts';
import '../styles/booths.css';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/http-client';
import { rest, type WebcastToken } from '../api/rest';
import { useAuth } from '../auth/auth-context';
import { NowSpeaking } from '../floor/now-speaking';
import { useLocalized } from '../i18n/localized';
import { ConnectionBanner } from '../live/connection-banner';
import { unwrap } from '../live/live-client';
import { usePanelLive } from '../live/use-panel-live';
import { PanelNotFound, isBadPanelLink } from '../panels/panel-access';
import { QueueList } from '../queue/queue-list';
import { ErrorText } from '../ui/error-message';
import { usePageTitle } from '../ui/page-title';
import { PanelStatusBadge } from '../ui/status-badge';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { FLOOR } from '../webcast/channels';
import { useLanguageName } from '../webcast/language-menu';
import { useBoothLive } from './use-booth-live';

const InterpreterAudio = lazy(() => import('./interpreter-audio'));
/** How many of the waiting speakers the console lists. */
const NEXT_SPEAKERS = 5;

/** The booth an interpreter works in for this event: the first of its languages they are an interpreter of. */
const boothOf = (booths: BoothView[], user: UserView) =>
  booths.find((b) => b.interpreters.some((i) => i.id === user.id))?.language ?? null;

/**
 * The interpreter's console (`/interpret/panels/:panelId`): what they hear (the floor, or the booth they
 * relay), a big take / release of the booth's microphone, who is on air, booth mates online, the speaker with
 * the clock and the next speakers, and an unmistakable warning while their own microphone is live.
 */
export function InterpreterConsolePage() {
  const { panelId = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const loaded = useLoad(async () => {
    const panel = await rest.panel(panelId);
    return { panel, booths: await rest.booths(panel.eventId) };
  }, [panelId]);
  const localize = useLocalized();
  if (isBadPanelLink(loaded.error)) return <PanelNotFound />;
  if (!loaded.data) {
    return loaded.error ? (
      <ErrorText error={loaded.error} />
    ) : (
      <p className="loading">{t('common.loading')}</p>
    );
  }
  const language = boothOf(loaded.data.booths, user!);
  if (!language) {
    return (
      <section className="page page--narrow" data-testid="not-in-booth">
        <h1>{localize(loaded.data.panel).title}</h1>
        <p className="notice notice--warning">{t('interpret.notInBooth')}</p>
        <p className="muted">{t('interpret.notInBoothHint')}</p>
      </section>
    );
  }
  return (
    <InterpreterConsole
      panel={localize(loaded.data.panel)}
      language={language}
      // Every language of the event, in its order (the booths list has one entry each).
      eventLanguages={loaded.data.booths.map((b) => b.language)}
      user={user!}
    />
  );
}

function InterpreterConsole({
  panel,
  language,
  eventLanguages,
  user,
}: {
  panel: PanelView;
  language: string;
  eventLanguages: string[];
  user: UserView;
}) {
  const { t } = useTranslation();
  const { session } = useAuth();
  const languageName = useLanguageName();
  const { live, socket } = usePanelLive(panel.id, session);
  const booth = useBoothLive(socket, panel.id, language, live.joins);
  const { busy, error, run } = useAction();
  usePageTitle(panel.title);

  const state = booth.state;
  const onAir = state?.live?.id === user.id;
  const snapshot = live.snapshot;
  const status = snapshot?.status ?? panel.status;
  // A booth interprets from the floor, or relays another booth.
  const languages = [FLOOR, ...eventLanguages.filter((l) => l !== language)];
  const channelName = (c: string) =>
    c === FLOOR ? t('interpret.relayFloor') : t('interpret.relayBooth', { language: languageName(c) });
  const command = (name: 'booth:take' | 'booth:release') => run(async () => unwrap(await booth.send(name)));
  const relay = (from: string) => run(async () => unwrap(await booth.send('booth:relay', from)));

  return (
    <section className={`page page--interpret${onAir ? ' page--on-air' : ''}`}>
      <ConnectionBanner live={live} />
      <header className="page__header page__header--row">
        <div>
          <p className="eyebrow">{t('interpret.eyebrow', { language: languageName(language) })}</p>
          <h1>{panel.title}</h1>
        </div>
        <div className="page__header-side">
          <PanelStatusBadge status={status} />
        </div>
      </header>

      {onAir ? (
        <div className="on-air" role="alert" data-testid="on-air-warning">
          <span className="on-air__dot" aria-hidden="true" />
          <div>
            <strong>{t('interpret.youAreLive')}</strong>
            <p>{t('interpret.youAreLiveHint', { language: languageName(language) })}</p>
          </div>
        </div>
      ) : null}
      {live.joins > 0 && !booth.joined ? (
        <p className="notice notice--warning">{t('interpret.offline')}</p>
      ) : null}

      <div className="floor-grid">
        <div className="floor-grid__main">
          <section className="card booth" aria-labelledby="booth-title" data-testid="booth">
            <h2 id="booth-title">
              {t('interpret.booth')} — {languageName(language)}
            </h2>
            <p className="booth__live" data-testid="booth-live">
              {state?.live ? (
                <>
                  <span className="muted">{t('interpret.live')}: </span>
                  <strong>
                    {state.live.name} {onAir ? t('interpret.you') : null}
                  </strong>
                </>
              ) : (
                <span className="muted">{t('interpret.nobodyLive')}</span>
              )}
            </p>
            {onAir ? (
              <button
                type="button"
                className="btn btn--large booth__button"
                data-testid="booth-release"
                disabled={busy || !state}
                onClick={() => void command('booth:release')}
              >
                {t('interpret.release')}
              </button>
            ) : (
              <>
                <button
                  type="button"
                  className="btn btn--primary btn--large booth__button"
                  data-testid="booth-take"
                  disabled={busy || !state || status === 'ended'}
                  onClick={() => void command('booth:take')}
                >
                  {t('interpret.take')}
                </button>
                {state?.live ? <p className="muted">{t('interpret.takeHint')}</p> : null}
              </>
            )}
            <ErrorText error={error} />

            <label className="field booth__relay">
              <span>{t('interpret.relay')}</span>
              <select
                data-testid="booth-relay"
                value={state?.relayFrom ?? FLOOR}
                disabled={busy || !state}
                onChange={(e) => void relay(e.target.value)}
              >
                {languages.map((c) => (
                  <option key={c} value={c}>
                    {channelName(c)}
                  </option>
                ))}
              </select>
            </label>

            <h3>{t('interpret.mates')}</h3>
            <ul className="booth__mates" data-testid="booth-mates">
              {(state?.online ?? []).map((p) => (
                <li key={p.id}>
                  {p.name} {p.id === user.id ? <span className="muted">{t('interpret.you')}</span> : null}
                  {p.id === state?.live?.id ? (
                    <span className="booth__on-air-mark" aria-hidden="true">
                      ●
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            {state && state.online.every((p) => p.id === user.id) ? (
              <p className="muted">{t('interpret.nobodyOnline')}</p>
            ) : null}
          </section>

          <BoothListening panelId={panel.id} live={status === 'live'} hearing={state?.relayFrom ?? FLOOR}>
            <p className="muted" data-testid="booth-hearing">
              {t('interpret.hearing', { channel: channelName(state?.relayFrom ?? FLOOR) })}
            </p>
          </BoothListening>
        </div>
        <aside className="floor-grid__side">
          <NowSpeaking
            speaker={snapshot?.speaker ?? null}
            clock={snapshot?.clock ?? null}
            offsetMs={live.offsetMs}
          />
          <section className="card" aria-labelledby="next-speakers-title" data-testid="next-speakers">
            <h2 id="next-speakers-title">{t('interpret.nextSpeakers')}</h2>
            {snapshot && snapshot.queue.length === 0 ? (
              <p className="muted">{t('interpret.nobodyNext')}</p>
            ) : null}
            <QueueList items={(snapshot?.queue ?? []).slice(0, NEXT_SPEAKERS)} />
          </section>
        </aside>
      </div>
    </section>
  );
}

type TokenState =
  { kind: 'loading' } | { kind: 'ready'; token: WebcastToken } | { kind: 'off'; error?: unknown };

/** The webcast as the interpreter hears it; without LiveKit on the server the booth still works. */
function BoothListening({
  panelId,
  live,
  hearing,
  children,
}: {
  panelId: string;
  live: boolean;
  hearing: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [token, setToken] = useState<TokenState>({ kind: 'loading' });
  useEffect(() => {
    if (!live) return setToken({ kind: 'off' });
    let current = true;
    rest
      .webcastToken(panelId, false)
      .then((answer) => current && setToken({ kind: 'ready', token: answer }))
      .catch((error: unknown) => current && setToken({ kind: 'off', error }));
    return () => {
      current = false;
    };
  }, [panelId, live]);
  const disabled =
    token.kind === 'off' && token.error instanceof ApiError && token.error.code === 'WEBCAST_DISABLED';
  return (
    <section className="card" aria-labelledby="booth-listen-title" data-testid="booth-listening">
      <h2 id="booth-listen-title">{t('webcast.title')}</h2>
      {children}
      {token.kind === 'ready' ? (
        <Suspense fallback={<p className="muted">{t('webcast.connecting')}</p>}>
          <InterpreterAudio token={token.token} hearing={hearing} />
        </Suspense>
      ) : null}
      {!live ? <p className="muted">{t('webcast.offAirText')}</p> : null}
      {disabled ? <p className="muted">{t('webcast.notConfiguredText')}</p> : null}
      {token.kind === 'off' && token.error && !disabled ? <ErrorText error={token.error} /> : null}
    </section>
  );
}
