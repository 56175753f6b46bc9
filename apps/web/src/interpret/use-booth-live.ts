import type { BoothState } from '@rostrum/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { connectLive, sendCommand, type CommandResult, type LiveSocket } from '../live/live-client';

export type BoothCommand = 'booth:take' | 'booth:release';

/**
 * An interpreter's booth during a panel, over its own /live connection: on every (re)connect it joins the
 * panel, then the booth, and takes the state the answer carries; `booth:state` keeps it current.
 */
export function useBoothLive(
  panelId: string,
  language: string | null,
  /** Who is signed in (AuthState.session): the socket connects again when it changes. */
  session: string | null,
) {
  const [state, setState] = useState<BoothState | null>(null);
  const [connected, setConnected] = useState(false);
  const socketRef = useRef<LiveSocket | null>(null);

  useEffect(() => {
    if (!language) return;
    const socket = connectLive();
    socketRef.current = socket;
    let closed = false;
    const join = async () => {
      const joined = await sendCommand(socket, 'panel:join', { panelId });
      if (!joined.ok || closed) return;
      const booth = await sendCommand(socket, 'booth:join', { panelId, language });
      if (booth.ok && !closed) setState(booth.data);
    };
    socket.on('connect', () => {
      setConnected(true);
      void join();
    });
    socket.on('disconnect', (reason) => {
      setConnected(false);
      if (reason === 'io server disconnect' && !closed) socket.connect();
    });
    socket.on('booth:state', (s: BoothState) => {
      if (s.panelId === panelId && s.language === language) setState(s);
    });
    return () => {
      closed = true;
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [panelId, language, session]);

  const send = useCallback(
    async (
      name: BoothCommand | 'booth:relay',
      extra: { from?: string } = {},
    ): Promise<CommandResult<BoothState>> => {
      const socket = socketRef.current;
      if (!socket || !language) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected' } };
      const payload = { panelId, language, ...extra } as { panelId: string; language: string; from: string };
      const answer = await sendCommand(socket, name as 'booth:relay', payload);
      if (answer.ok) setState(answer.data);
      return answer;
    },
    [panelId, language],
  );

  return { state, connected, send };
}
