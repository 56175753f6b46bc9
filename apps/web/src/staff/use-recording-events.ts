import type { RecordingView } from '@rostrum/contracts';
import { useEffect, useRef } from 'react';
import { connectLive } from '../live/live-client';

/** Staff sockets receive `recording:status` for every recording: keeps the archive's statuses live. */
export function useRecordingEvents(
  /** Who is signed in (AuthState.session); nothing to hear when signed out. */
  session: string | null,
  onRecording: (recording: RecordingView) => void,
): void {
  const handler = useRef(onRecording);
  handler.current = onRecording;
  useEffect(() => {
    if (!session) return;
    const socket = connectLive();
    socket.on('recording:status', (recording) => handler.current(recording));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [session]);
}
