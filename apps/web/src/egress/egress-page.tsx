import type { RemoteTrack } from 'livekit-client';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { rest } from '../api/rest';
import { usePanelLive } from '../live/use-panel-live';
import { useLoad } from '../ui/use-load';
import { EgressLowerThird } from './egress-lower-third';
import { egressParams, useEgressRoom } from './use-egress-room';
import './egress-page.css';

/**
 * `/egress/panels/:panelId`: the page LiveKit Egress records (the room composite's `customBaseUrl`). The
 * floor mode shows the floor's cameras with a lower third and plays the floor's sound only; `layout=lang:<code>`
 * plays that booth's live interpreter and nothing else. Opened without Egress's parameters, it shows the
 * picture without joining the room (a preview).
 */
export function EgressPage() {
  const { panelId = '' } = useParams();
  const { t } = useTranslation();
  const params = useMemo(() => egressParams(window.location.search), []);
  const { mode, videos } = useEgressRoom(params);
  const detail = useLoad(() => rest.publicPanel(panelId), [panelId]);
  const { live } = usePanelLive(panelId, null);
  const snapshot = live.snapshot ?? detail.data?.snapshot ?? null;

  if (mode.kind === 'language') {
    return (
      <main className="egress egress--channel" data-testid="egress-page" data-mode={`lang:${mode.language}`}>
        <p>{t('egress.channel', { language: mode.language.toUpperCase() })}</p>
      </main>
    );
  }
  return (
    <main className="egress" data-testid="egress-page" data-mode="floor">
      <div className="egress__stage" data-count={videos.length}>
        {videos.map((track) => (
          <VideoTile key={track.sid} track={track} />
        ))}
      </div>
      <EgressLowerThird title={detail.data?.panel.title ?? ''} snapshot={snapshot} offsetMs={live.offsetMs} />
    </main>
  );
}

function VideoTile({ track }: { track: RemoteTrack }) {
  const el = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = el.current;
    if (!video) return;
    track.attach(video);
    return () => void track.detach(video);
  }, [track]);
  return <video ref={el} className="egress__video" autoPlay muted playsInline />;
}
