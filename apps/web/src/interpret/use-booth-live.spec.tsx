import { act, renderHook } from '@testing-library/react';
import type { BoothState } from '@rostrum/contracts';
import type { LiveSocket } from '../live/live-client';
import { useBoothLive } from './use-booth-live';

/** Just what the hook uses of a socket.io client: listeners, and commands answered by `answers`. */
function fakeSocket(answers: Record<string, BoothState>) {
  const listeners = new Map<string, (state: BoothState) => void>();
  const socket = {
    connected: true,
    on: (event: string, listener: (state: BoothState) => void) => listeners.set(event, listener),
    off: (event: string) => listeners.delete(event),
    timeout: () => ({
      emitWithAck: (name: string) => Promise.resolve({ ok: true, data: answers[name] }),
    }),
  };
  const deliver = (state: BoothState) => act(() => listeners.get('booth:state')?.(state));
  return { socket: socket as unknown as LiveSocket, deliver };
}

const amelie = { id: 'a', name: 'Amélie' };
const bo = { id: 'b', name: 'Bo' };
const state = (seq: number, live: BoothState['live'], online = [amelie, bo]): BoothState => ({
  panelId: 'p',
  language: 'fr',
  live,
  relayFrom: 'floor',
  online,
  seq,
});

describe('an interpreter console’s booth state', () => {
  it('should keep the newest state when two instances deliver theirs out of order', async () => {
    const { socket, deliver } = fakeSocket({ 'booth:join': state(3, null) });
    const { result } = renderHook(() => useBoothLive(socket, 'p', 'fr', 1));
    await act(() => Promise.resolve());
    expect(result.current.state?.live).toBeNull();

    // Bo took over from Amélie (seq 5), but Amélie's take (seq 4) reaches this console last.
    deliver(state(5, bo));
    deliver(state(4, amelie));
    expect(result.current.state?.live).toEqual(bo);

    // The same record head with another booth mate online is news (nobody went on or off air).
    deliver(state(5, bo, [bo]));
    expect(result.current.state?.online).toEqual([bo]);
  });

  it('should not let a late command answer undo a newer broadcast', async () => {
    const { socket, deliver } = fakeSocket({ 'booth:join': state(3, null), 'booth:take': state(4, amelie) });
    const { result } = renderHook(() => useBoothLive(socket, 'p', 'fr', 1));
    await act(() => Promise.resolve());
    // Amélie presses "take"; before her answer arrives, Bo's take (later) is broadcast.
    const taking = result.current.send('booth:take');
    deliver(state(6, bo));
    await act(() => taking.then(() => undefined));
    expect(result.current.state?.live).toEqual(bo);
  });

  it('should take a state of another booth language only in that booth', async () => {
    const { socket, deliver } = fakeSocket({ 'booth:join': state(3, null) });
    const { result } = renderHook(() => useBoothLive(socket, 'p', 'fr', 1));
    await act(() => Promise.resolve());
    deliver({ ...state(9, bo), language: 'zh' });
    expect(result.current.state).toMatchObject({ language: 'fr', live: null, seq: 3 });
  });
});
