import {
  LiveKitRoom,
  StartAudio,
  useLocalParticipant,
  useLocalParticipantPermissions,
} from '@livekit/components-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebcastToken } from '../api/rest';
import { ChannelAudio } from '../webcast/channel-audio';

const CONNECT_OPTIONS = { autoSubscribe: false };

/**
 * Loaded lazily (LiveKit is fetched only here): the interpreter hears the channel their booth interprets from
 * (the floor, or another booth's interpreter with the floor underneath) and publishes the microphone only
 * while on air — which the server decides: it grants the right to publish to the live interpreter only.
 */
export default function InterpreterAudio({
  token,
  hearing,
  onAir,
}: {
  token: WebcastToken;
  hearing: string;
  onAir: boolean;
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
      className="interpreter-audio"
    >
      <ChannelAudio channel={hearing} />
      <BoothMicrophone onAir={onAir} onError={setError} />
      <StartAudio label={t('webcast.startAudio')} className="btn btn--small" />
      {error ? (
        <p className="notice notice--warning" role="alert">
          {t('webcast.roomError', { message: error })}
        </p>
      ) : null}
    </LiveKitRoom>
  );
}

/** The microphone follows the booth: on while on air and allowed to publish, off otherwise. */
function BoothMicrophone({ onAir, onError }: { onAir: boolean; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const permissions = useLocalParticipantPermissions();
  const { localParticipant } = useLocalParticipant();
  const allowed = onAir && (permissions?.canPublish ?? false);
  useEffect(() => {
    localParticipant.setMicrophoneEnabled(allowed).catch((err: Error) => {
      onError(t('interpret.microphoneBlocked', { message: err.message }));
    });
  }, [allowed, localParticipant, onError, t]);
  return null;
}
