import {
  GridLayout,
  ParticipantTile,
  StartAudio,
  TrackToggle,
  useLocalParticipant,
  useLocalParticipantPermissions,
  useTracks,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebcastToken } from '../api/rest';
import { LiveLanguages } from './channel-audio';
import { ChannelRoom } from './channel-room';
import { FLOOR } from './channels';

/** Loaded lazily: LiveKit is only fetched by pages that show the webcast. */
export default function WebcastRoom({
  token,
  showPublishControls,
  channel = FLOOR,
  onLiveLanguages,
}: {
  token: WebcastToken;
  showPublishControls: boolean;
  /** What to hear: the floor, or a language's interpretation (the language menu's choice). */
  channel?: string;
  /** Told which languages have an interpreter on air, as the room shows it. */
  onLiveLanguages?: (languages: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <ChannelRoom token={token} channel={channel} className="webcast__room">
      {() => (
        <>
          <Stage />
          {onLiveLanguages ? <LiveLanguages onChange={onLiveLanguages} /> : null}
          <div className="webcast__bar">
            <StartAudio label={t('webcast.startAudio')} className="btn btn--small" />
            {showPublishControls ? <PublishControls /> : null}
          </div>
        </>
      )}
    </ChannelRoom>
  );
}

function Stage() {
  const { t } = useTranslation();
  const tracks = useTracks([Track.Source.Camera, Track.Source.ScreenShare], { onlySubscribed: false });
  if (tracks.length === 0) return <p className="webcast__message">{t('webcast.waitingForVideo')}</p>;
  return (
    <GridLayout tracks={tracks} className="webcast__grid">
      <ParticipantTile />
    </GridLayout>
  );
}

/**
 * Camera and microphone, shown only while the server lets this participant publish (a delegate: for exactly the
 * length of the speech). When the right goes, local tracks are stopped here too.
 */
function PublishControls() {
  const { t } = useTranslation();
  const permissions = useLocalParticipantPermissions();
  const { localParticipant } = useLocalParticipant();
  const canPublish = permissions?.canPublish ?? false;

  useEffect(() => {
    if (canPublish) return;
    void localParticipant.setCameraEnabled(false);
    void localParticipant.setMicrophoneEnabled(false);
  }, [canPublish, localParticipant]);

  if (!canPublish) return null;
  return (
    <div className="webcast__publish" role="group" aria-label={t('webcast.publishControls')}>
      <TrackToggle source={Track.Source.Microphone} className="btn btn--small">
        {t('webcast.microphone')}
      </TrackToggle>
      <TrackToggle source={Track.Source.Camera} className="btn btn--small">
        {t('webcast.camera')}
      </TrackToggle>
    </div>
  );
}
