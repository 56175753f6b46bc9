import type { ClientCommandName, ClientCommands, PanelSnapshot, QuestionView } from '@rostrum/contracts';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { sessionEnded } from '../auth/session-events';
import { connectLive, sendCommand, type CommandResult, type LiveSocket } from './live-client';
import { initialLiveState, liveReducer, type PanelLiveState } from './panel-live-state';

export type SendCommand = <K extends ClientCommandName>(
  name: K,
  payload: Omit<ClientCommands[K][0], 'panelId'>,
) => Promise<CommandResult<ClientCommands[K][1]>>;

/**
 * Joins a panel over the /live socket and keeps its state: the latest snapshot (by version), questions,
 * votes, presence, time-up, recording status, and the connection. On every (re)connect, and whenever a
 * version gap shows a missed update, it sends panel:join again and takes the fresh snapshot.
 */
export function usePanelLive(
  panelId: string,
  /** Who is signed in (AuthState.session): the socket connects again when it changes. */
  session: string | null,
): { live: PanelLiveState; send: SendCommand; socket: LiveSocket | null } {
  const [live, dispatch] = useReducer(liveReducer, initialLiveState);
  const socketRef = useRef<LiveSocket | null>(null);
  // The connection itself, for parts of a page with events of their own (an interpreter's booth).
  const [socket, setSocket] = useState<LiveSocket | null>(null);
  const versionRef = useRef<number | null>(null);

  useEffect(() => {
    const socket = connectLive();
    socketRef.current = socket;
    setSocket(socket);
    versionRef.current = null;
    let closed = false;

    const join = async () => {
      const answer = await sendCommand(socket, 'panel:join', { panelId });
      if (closed) return;
      if (answer.ok) {
        const { questions, ...snapshot } = answer.data;
        versionRef.current = Math.max(versionRef.current ?? 0, snapshot.version);
        dispatch({ type: 'joined', snapshot, questions: questions ?? [], at: Date.now() });
      } else {
        dispatch({ type: 'error', error: answer.error });
      }
    };

    // The browser knows first when the network is gone: close at once rather than wait for the heartbeat.
    const onOffline = () => socket.io.engine?.close();
    window.addEventListener('offline', onOffline);

    socket.on('connect', () => {
      dispatch({ type: 'connection', connection: 'online' });
      void join();
    });
    socket.on('disconnect', (reason) => {
      dispatch({ type: 'connection', connection: closed ? 'offline' : 'reconnecting' });
      // The server ended the connection (e.g. the session expired or was revoked): reconnect once; the
      // handshake tells why.
      if (reason === 'io server disconnect' && !closed) socket.connect();
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'UNAUTHENTICATED') {
        dispatch({ type: 'error', error: { code: 'UNAUTHENTICATED', message: err.message } });
        sessionEnded();
      }
      // Cut off for flooding: the server refuses only once its cool-off is over, so connecting again is let in.
      if (err.message === 'RATE_LIMITED' && !closed) socket.connect();
      dispatch({ type: 'connection', connection: socket.active ? 'reconnecting' : 'offline' });
    });
    socket.on('panel:state', (snapshot: PanelSnapshot) => {
      if (snapshot.panelId !== panelId) return;
      const seen = versionRef.current;
      dispatch({ type: 'snapshot', snapshot, at: Date.now() });
      if (seen === null || snapshot.version > seen) versionRef.current = snapshot.version;
      // A missed broadcast (not versions the server folded into this snapshot) may have carried questions
      // too: take the whole truth again.
      if (seen !== null && (snapshot.previousVersion ?? snapshot.version - 1) > seen) void join();
    });
    socket.on('qa:question', (question: QuestionView) => {
      if (question.panelId === panelId) dispatch({ type: 'question', question });
    });
    socket.on('qa:votes', (payload) => {
      if (payload.panelId === panelId) dispatch({ type: 'votes', votes: payload.votes });
    });
    socket.on('panel:presence', (payload) => {
      if (payload.panelId === panelId) dispatch({ type: 'presence', online: payload.online });
    });
    socket.on('floor:timeup', (payload) => {
      if (payload.panelId === panelId) dispatch({ type: 'timeup', ...payload });
    });
    socket.on('floor:ondeck', (payload) => {
      if (payload.panelId === panelId) dispatch({ type: 'ondeck', ...payload, at: Date.now() });
    });
    socket.on('recording:status', (recording) => {
      if (recording.panelId === panelId) dispatch({ type: 'recording', recording });
    });

    return () => {
      closed = true;
      window.removeEventListener('offline', onOffline);
      if (socket.connected) socket.emit('panel:leave', { panelId }, () => undefined);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [panelId, session]);

  const send = useCallback<SendCommand>(
    async (name, payload) => {
      const socket = socketRef.current;
      if (!socket) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected' } };
      const answer = await sendCommand(socket, name, {
        ...payload,
        panelId,
      } as ClientCommands[typeof name][0]);
      if (answer.ok) absorb(name, answer.data, dispatch, versionRef);
      return answer;
    },
    [panelId],
  );

  return { live, send, socket };
}

/** Acknowledgements carry the new state too (a snapshot, a question, a vote count): show it at once. */
function absorb(
  name: ClientCommandName,
  data: unknown,
  dispatch: (action: Parameters<typeof liveReducer>[1]) => void,
  versionRef: { current: number | null },
) {
  if (isSnapshot(data)) {
    dispatch({ type: 'snapshot', snapshot: data, at: Date.now() });
    versionRef.current = Math.max(versionRef.current ?? 0, data.version);
  } else if (name === 'qa:vote') {
    const vote = data as { questionId: string; votes: number; voted: boolean };
    dispatch({ type: 'vote', ...vote });
  } else if (name.startsWith('qa:')) {
    dispatch({ type: 'question', question: data as QuestionView });
  }
}

const isSnapshot = (data: unknown): data is PanelSnapshot =>
  typeof data === 'object' && data !== null && 'version' in data && 'queue' in data && 'panelId' in data;
