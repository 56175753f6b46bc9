import { useEffect } from 'react';
import { CONNECTION_ERRORS } from './live-client';
import type { PanelLiveState } from './panel-live-state';

/**
 * Whether live commands can be sent now (connected and the panel joined), and clears an error that only
 * said the connection was lost once the panel is joined again with a fresh snapshot: left on screen, it
 * would contradict what the user now sees.
 */
export function useLiveReady(
  live: PanelLiveState,
  error: unknown,
  setError: (error: unknown) => void,
): boolean {
  const code = (error as { code?: string } | null)?.code;
  useEffect(() => {
    if (code && CONNECTION_ERRORS.has(code)) setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new join brings fresh state
  }, [live.joins]);
  return live.connection === 'online' && live.joined;
}
