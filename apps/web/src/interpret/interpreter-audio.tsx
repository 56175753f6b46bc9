import { StartAudio, useLocalParticipant, useLocalParticipantPermissions } from '@livekit/components-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebcastToken } from '../api/rest';
import { ChannelRoom } from '../webcast/channel-room';

/**
 * Loaded lazily (LiveKit is fetched only here): the interpreter hears the channel their booth interprets from
 * (the floor, or another booth's interpreter with the floor underneath) and publishes the microphone only
 * while on air — which the server decides: it grants the right to publish to the live interpreter only.
 */
export default function InterpreterAudio({ token, hearing }: { token: WebcastToken; hearing: string }) {
  const { t } = useTranslation();
  return (
    <ChannelRoom token={token} channel={hearing} className="interpreter-audio">
      {(reportError) => (
        <>
          <BoothMicrophone onError={reportError} />
          <StartAudio label={t('webcast.startAudio')} className="btn btn--small" />
        </>
      )}
    </ChannelRoom>
  );
}

/**
 * The microphone follows what the server allows, which is the booth as the database has it (only the live
 * interpreter may publish): a `booth:state` that arrives late cannot silence the live interpreter.
 */
function BoothMicrophone({ onError }: { onError: (message: string) => void }) {
  const { t } = useTranslation();
  const permissions = useLocalParticipantPermissions();
  const { localParticipant } = useLocalParticipant();
  const allowed = permissions?.canPublish ?? false;
  useEffect(() => {
    localParticipant.setMicrophoneEnabled(allowed).catch((err: Error) => {
      onError(t('interpret.microphoneBlocked', { message: err.message }));
    });
  }, [allowed, localParticipant, onError, t]);
  return null;
}
