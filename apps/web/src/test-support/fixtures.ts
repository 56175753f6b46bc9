import type {
  DelegationView,
  FloorClock,
  InterventionKind,
  InterventionView,
  PanelSnapshot,
  QuestionView,
} from '@rostrum/contracts';

/** Contract-shaped data for component and browser tests: delegations, requests, questions, snapshots. */
let seq = 0;
const nextId = () => {
  seq += 1;
  return `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
};

export function delegation(
  name: string,
  code: string,
  kind: DelegationView['kind'] = 'member_state',
): DelegationView {
  return { id: nextId(), name, code, kind };
}

export function intervention(
  panelId: string,
  who: { delegate: { id: string; name: string }; delegation: DelegationView | null },
  kind: InterventionKind = 'statement',
  fields: Partial<InterventionView> = {},
): InterventionView {
  return {
    id: nextId(),
    panelId,
    kind,
    note: null,
    status: 'queued',
    delegate: who.delegate,
    delegation: who.delegation,
    requestedAt: new Date(Date.now() - 60_000).toISOString(),
    startedAt: null,
    endedAt: null,
    allottedSeconds: null,
    spokenSeconds: null,
    onBehalfOf: null,
    replyTo: null,
    onDeck: false,
    ready: false,
    ...fields,
  };
}

/** A running clock that started `elapsedSeconds` ago. */
export function runningClock(allottedSeconds: number, elapsedSeconds: number): FloorClock {
  return {
    allottedSeconds,
    startedAt: new Date(Date.now() - elapsedSeconds * 1000).toISOString(),
    pausedAt: null,
    pausedSeconds: 0,
    remainingSeconds: allottedSeconds - elapsedSeconds,
  };
}

export function snapshot(panelId: string, fields: Partial<PanelSnapshot> = {}): PanelSnapshot {
  return {
    panelId,
    version: 1,
    status: 'live',
    queueOpen: true,
    serverTime: new Date().toISOString(),
    speaker: null,
    clock: null,
    queue: [],
    window: null,
    budgets: [],
    ...fields,
  };
}

export function question(
  panelId: string,
  text: string,
  author: { id: string; name: string },
  fields: Partial<QuestionView> = {},
): QuestionView {
  return {
    id: nextId(),
    panelId,
    text,
    status: 'approved',
    votes: 0,
    author,
    delegation: null,
    addressedTo: null,
    answer: null,
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    answeredAt: null,
    ...fields,
  };
}
