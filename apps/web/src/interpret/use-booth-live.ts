import { newerBoothState, type BoothRef, type BoothState } from '@rostrum/contracts';
import { useCallback, useEffect, useState } from 'react';
import { sendCommand, type CommandResult, type LiveSocket } from '../live/live-client';

export type BoothCommand = 'booth:take' | 'booth:release';

/**
 * Every `booth:state` of the panel on the page's /live connection (usePanelLive's socket): one connection per
 * page, so presence counts each person once.
 */
export function useBoothStates(
  socket: LiveSocket | null,
  panelId: string,
  onState: (state: BoothState) => void,
) {
  useEffect(() => {
    if (!socket) return;
    const listener = (state: BoothState) => {
      if (state.panelId === panelId) onState(state);
    };
    socket.on('booth:state', listener);
    return () => {
      socket.off('booth:state', listener);
    };
  }, [socket, panelId, onState]);
}

/**
 * An interpreter's booth during a panel: after every join of the panel (`joins`, from usePanelLive: a
 * reconnect is a new connection) it joins the booth again and takes the state the answer carries;
 * `booth:state` keeps it current.
 */
export function useBoothLive(socket: LiveSocket | null, panelId: string, language: string, joins: number) {
  const [state, setState] = useState<BoothState | null>(null);
  const [joined, setJoined] = useState(false);
  // Whatever arrives (broadcasts from several instances, command answers), the newest state is kept.
  const keep = useCallback((s: BoothState) => setState((current) => newerBoothState(current, s)), []);
  const onState = useCallback((s: BoothState) => s.language === language && keep(s), [language, keep]);
  useBoothStates(socket, panelId, onState);

  useEffect(() => {
    if (!socket || joins === 0) return;
    let current = true;
    setJoined(false);
    void sendCommand(socket, 'booth:join', { panelId, language }).then((answer) => {
      if (!current || !answer.ok) return;
      keep(answer.data);
      setJoined(true);
    });
    return () => {
      current = false;
    };
  }, [socket, panelId, language, joins, keep]);

  const send = useCallback(
    async (name: BoothCommand | 'booth:relay', from?: string): Promise<CommandResult<BoothState>> => {
      if (!socket) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected' } };
      // One payload type for the three: `from` matters to booth:relay only (and is ignored by the others).
      const payload = { panelId, language, ...(name === 'booth:relay' ? { from } : {}) } as BoothRef & {
        from: string;
      };
      const answer = await sendCommand(socket, name as 'booth:relay', payload);
      if (answer.ok) keep(answer.data);
      return answer;
    },
    [socket, panelId, language, keep],
  );

  return { state, joined, send };
}
