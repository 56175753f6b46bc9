import { LiveKitRoom } from '@livekit/components-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebcastToken } from '../api/rest';
import { ChannelAudio } from './channel-audio';

/** Only the chosen channel's audio is subscribed (ChannelAudio): nothing is received unasked. */
const CONNECT_OPTIONS = { autoSubscribe: false };

/**
 * A panel's LiveKit room as Rostrum joins it: publishing nothing at first, hearing only `channel` (the floor,
 * or a language's interpretation with the floor underneath), and saying so when the connection fails. The
 * children get `reportError` for their own failures (a microphone the browser refused).
 */
export function ChannelRoom({
  token,
  channel,
  className,
  children,
}: {
  token: WebcastToken;
  channel: string;
  className: string;
  children: (reportError: (message: string) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <LiveKitRoom
      serverUrl={token.url}
      token={token.token}
      connect
      connectOptions={CONNECT_OPTIONS}
      audio={false}
      video={false}
      onError={(err) => setError(err.message)}
      className={className}
      data-lk-theme="default"
    >
      <ChannelAudio channel={channel} />
      {children(setError)}
      {error ? (
        <p className="notice notice--warning" role="alert">
          {t('webcast.roomError', { message: error })}
        </p>
      ) : null}
    </LiveKitRoom>
  );
}
