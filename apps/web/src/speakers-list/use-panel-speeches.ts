import type { InterventionView } from '@rostrum/contracts';
import { rest } from '../api/rest';
import { useLoad } from '../ui/use-load';

/**
 * The panel's speeches so far (what a right of reply may answer, and the names behind the budgets), read
 * again whenever the speaker changes.
 */
export function usePanelSpeeches(panelId: string, speakerId: string | null | undefined, enabled = true) {
  const loaded = useLoad<InterventionView[]>(
    () => (enabled ? rest.panelSpeeches(panelId) : Promise.resolve([])),
    [panelId, speakerId, enabled],
  );
  return loaded.data ?? [];
}
