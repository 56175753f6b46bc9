import EgressHelper from '@livekit/egress-sdk';
import {
  RemoteTrack,
  RemoteTrackPublication,
  Room,
  RoomEvent,
  Track,
  type RemoteParticipant,
} from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import { audioToPlay, modeOf, subscriptionChanges, videoToShow, type EgressMode } from './egress-tracks';

export interface EgressParams {
  /** The LiveKit server and the recorder's token; null when the page is opened by hand (a preview). */
  room: { url: string; token: string } | null;
  layout: string;
}

/** What Egress put in the page's address: `?url=…&token=…&layout=…`. */
export function egressParams(search: string): EgressParams {
  const q = new URLSearchParams(search);
  const url = q.get('url');
  const token = q.get('token');
  return { room: url && token ? { url, token } : null, layout: q.get('layout') ?? '' };
}

/**
 * Joins the panel's room as the egress recorder (its hidden token), with autoSubscribe off, and keeps the
 * subscriptions to exactly what `audioToPlay`/`videoToShow` choose for the layout (which Egress may change
 * with UpdateLayout). Subscribed audio plays through hidden elements; the video tracks are returned for the
 * page to show. Tells Egress to start recording once connected.
 */
export function useEgressRoom({ room: params, layout }: EgressParams): {
  mode: EgressMode;
  videos: RemoteTrack[];
} {
  const [mode, setMode] = useState<EgressMode>(modeOf(layout));
  const [videos, setVideos] = useState<RemoteTrack[]>([]);
  const modeRef = useRef(mode);
  modeRef.current = mode;

  useEffect(() => {
    if (!params) return;
    const room = new Room({ adaptiveStream: false, dynacast: false });
    const box = document.createElement('div');
    box.hidden = true;
    document.body.appendChild(box);

    const publications = () => {
      const all = new Map<string, RemoteTrackPublication>();
      for (const p of room.remoteParticipants.values()) {
        for (const pub of p.trackPublications.values()) all.set(pub.trackSid, pub);
      }
      return all;
    };
    const reconcile = () => {
      const participants = [...room.remoteParticipants.values()] as RemoteParticipant[];
      const wanted = [
        ...audioToPlay(modeRef.current, participants),
        ...videoToShow(modeRef.current, participants),
      ];
      const all = publications();
      const subscribed = [...all.values()].filter((p) => p.isDesired).map((p) => p.trackSid);
      const { subscribe, unsubscribe } = subscriptionChanges(subscribed, wanted);
      for (const sid of unsubscribe) all.get(sid)?.setSubscribed(false);
      for (const sid of subscribe) all.get(sid)?.setSubscribed(true);
      setVideos(
        [...all.values()]
          .filter((p) => p.kind === Track.Kind.Video && wanted.includes(p.trackSid) && p.track)
          .map((p) => p.track!),
      );
    };

    room
      .on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind === Track.Kind.Audio) box.appendChild(track.attach());
        reconcile();
      })
      .on(RoomEvent.TrackUnsubscribed, (track) => {
        track.detach().forEach((el) => el.remove());
        reconcile();
      });
    for (const event of [
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.ParticipantAttributesChanged,
      RoomEvent.TrackPublished,
      RoomEvent.TrackUnpublished,
      RoomEvent.TrackMuted,
      RoomEvent.TrackUnmuted,
    ]) {
      room.on(event, reconcile);
    }
    EgressHelper.onLayoutChanged((layout) => {
      const next = modeOf(layout);
      modeRef.current = next;
      setMode(next);
      reconcile();
    });

    let cancelled = false;
    void room
      .connect(params.url, params.token, { autoSubscribe: false })
      .then(() => {
        if (cancelled) return;
        EgressHelper.setRoom(room);
        reconcile();
        EgressHelper.startRecording();
      })
      .catch((err: unknown) => console.error('egress page could not join the room', err));
    return () => {
      cancelled = true;
      void room.disconnect();
      box.remove();
    };
    // The page is opened once per egress with fixed parameters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params?.url, params?.token]);

  return { mode, videos };
}
