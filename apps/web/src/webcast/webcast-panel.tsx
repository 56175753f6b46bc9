import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http-client';
import { rest, type WebcastToken } from '../api/rest';
import '../styles/booths.css';
import { useErrorText } from '../ui/error-message';
import { FLOOR, useRememberedChannel } from './channels';
import type { HlsStream } from './hls-channels';
import { LanguageMenu } from './language-menu';

const WebcastRoom = lazy(() => import('./webcast-room'));
const HlsPlayer = lazy(() => import('./hls-player'));

export interface WebcastPanelProps {
  panelId: string;
  /** Public viewers use the public, subscribe-only token route. */
  asPublic: boolean;
  /** The webcast runs only while the panel is live. */
  panelLive: boolean;
  /** Over for good: say so rather than when the webcast starts. */
  ended?: boolean;
  /** The large-audience HLS stream, when the panel has one (public viewers watch it instead). */
  hlsUrl?: string | null;
  /** With the HLS stream: the floor's and each language's (the viewer's language menu). */
  hls?: readonly HlsStream[];
  /** Show camera and microphone controls (moderators, panelists; delegates only while holding the floor). */
  showPublishControls?: boolean;
  title?: string;
}

type TokenState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; token: WebcastToken }
  | { kind: 'disabled' }
  | { kind: 'failed'; error: unknown };

/**
 * The live webcast: a LiveKit room (or the HLS stream), or a clear state when it cannot play — off air, or
 * "not configured" when the token route answers 503 WEBCAST_DISABLED (no LiveKit on this server).
 */
export function WebcastPanel(props: WebcastPanelProps) {
  const { panelId, asPublic, panelLive, hlsUrl, showPublishControls = false } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<TokenState>({ kind: 'idle' });
  const useHls = asPublic && !!hlsUrl;

  useEffect(() => {
    if (!panelLive || useHls) {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    setState({ kind: 'loading' });
    rest
      .webcastToken(panelId, asPublic)
      .then((token) => current && setState({ kind: 'ready', token }))
      .catch((error: unknown) => {
        if (!current) return;
        const disabled = error instanceof ApiError && error.code === 'WEBCAST_DISABLED';
        setState(disabled ? { kind: 'disabled' } : { kind: 'failed', error });
      });
    return () => {
      current = false;
    };
  }, [panelId, asPublic, panelLive, useHls]);

  let body;
  if (!panelLive) {
    body = (
      <WebcastMessage
        testId="webcast-offair"
        title={t('webcast.offAir')}
        text={props.ended ? t('webcast.endedText') : t('webcast.offAirText')}
      />
    );
  } else if (useHls) {
    body = <HlsPlayer src={hlsUrl!} streams={props.hls} title={props.title ?? t('webcast.title')} />;
  } else if (state.kind === 'disabled') {
    body = (
      <WebcastMessage
        testId="webcast-disabled"
        title={t('webcast.notConfigured')}
        text={t('webcast.notConfiguredText')}
      />
    );
  } else if (state.kind === 'failed') {
    body = (
      <WebcastMessage
        testId="webcast-failed"
        title={t('webcast.unavailable')}
        text={errorText(state.error)}
      />
    );
  } else if (state.kind === 'ready') {
    body = <ListeningRoom token={state.token} showPublishControls={showPublishControls} />;
  } else {
    body = <p className="webcast__message">{t('webcast.connecting')}</p>;
  }

  return (
    <section className="webcast" aria-label={t('webcast.title')} data-testid="webcast">
      <Suspense fallback={<p className="webcast__message">{t('webcast.connecting')}</p>}>{body}</Suspense>
    </section>
  );
}

/** The room, and the language menu above it when the event has interpretation channels. */
function ListeningRoom({
  token,
  showPublishControls,
}: {
  token: WebcastToken;
  showPublishControls: boolean;
}) {
  // Which languages are on air: as the token said when issued, then as the room shows it.
  const [onAir, setOnAir] = useState<string[] | null>(null);
  const channels = (token.channels ?? []).map((c) =>
    onAir && c.language !== FLOOR ? { ...c, live: onAir.includes(c.language) } : c,
  );
  const [channel, setChannel] = useRememberedChannel(channels);
  const hasLanguages = channels.length > 1;
  return (
    <>
      {hasLanguages ? <LanguageMenu channels={channels} value={channel} onChange={setChannel} /> : null}
      <WebcastRoom
        token={token}
        showPublishControls={showPublishControls}
        channel={channel}
        onLiveLanguages={hasLanguages ? setOnAir : undefined}
      />
    </>
  );
}

function WebcastMessage({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <div className="webcast__message webcast__message--state" data-testid={testId} role="status">
      <span className="webcast__icon" aria-hidden="true">
        ◉
      </span>
      <strong>{title}</strong>
      <span>{text}</span>
    </div>
  );
}
