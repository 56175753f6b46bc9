import type { PanelSnapshot, PresenceCounts, QuestionView, RecordingView } from '@rostrum/contracts';
import { clockOffsetMs } from '../clock/clock-math';

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface PanelLiveState {
  connection: Connection;
  /** True once panel:join answered since the last (re)connect. */
  joined: boolean;
  snapshot: PanelSnapshot | null;
  /** Server time − local time, from the last snapshot. */
  offsetMs: number;
  questions: QuestionView[];
  presence: PresenceCounts | null;
  timeUp: { interventionId: string; version: number } | null;
  /** The last `floor:ondeck` this client received (its request came on deck). */
  onDeck: { interventionId: string; position: number; at: number } | null;
  recording: RecordingView | null;
  error: { code: string; message: string } | null;
  /** Counts successful joins, so a page can re-check things after a reconnect. */
  joins: number;
}

export const initialLiveState: PanelLiveState = {
  connection: 'connecting',
  joined: false,
  snapshot: null,
  offsetMs: 0,
  questions: [],
  presence: null,
  timeUp: null,
  onDeck: null,
  recording: null,
  error: null,
  joins: 0,
};

export type LiveAction =
  | { type: 'connection'; connection: Connection }
  | { type: 'joined'; snapshot: PanelSnapshot; questions: QuestionView[]; at: number }
  | { type: 'snapshot'; snapshot: PanelSnapshot; at: number }
  | { type: 'question'; question: QuestionView }
  | { type: 'votes'; votes: Record<string, number> }
  | { type: 'vote'; questionId: string; votes: number; voted: boolean }
  | { type: 'presence'; online: PresenceCounts }
  | { type: 'timeup'; interventionId: string; version: number }
  | { type: 'ondeck'; interventionId: string; position: number; at: number }
  | { type: 'recording'; recording: RecordingView }
  | { type: 'error'; error: { code: string; message: string } | null };

/** Snapshots are the whole truth, ordered by version: an older one than what is shown is dropped. */
export function liveReducer(state: PanelLiveState, action: LiveAction): PanelLiveState {
  switch (action.type) {
    case 'connection':
      return {
        ...state,
        connection: action.connection,
        joined: action.connection === 'online' ? state.joined : false,
      };
    case 'joined':
      return {
        ...withSnapshot(state, action.snapshot, action.at, true),
        joined: true,
        error: null,
        questions: action.questions,
        joins: state.joins + 1,
      };
    case 'snapshot':
      return withSnapshot(state, action.snapshot, action.at, false);
    case 'question':
      return { ...state, questions: upsert(state.questions, action.question) };
    case 'votes':
      return {
        ...state,
        questions: state.questions.map((q) =>
          action.votes[q.id] === undefined ? q : { ...q, votes: action.votes[q.id] },
        ),
      };
    case 'vote':
      return {
        ...state,
        questions: state.questions.map((q) =>
          q.id === action.questionId ? { ...q, votes: action.votes, voted: action.voted } : q,
        ),
      };
    case 'presence':
      return { ...state, presence: action.online };
    case 'ondeck':
      return {
        ...state,
        onDeck: { interventionId: action.interventionId, position: action.position, at: action.at },
      };
    case 'timeup':
      return { ...state, timeUp: { interventionId: action.interventionId, version: action.version } };
    case 'recording':
      return { ...state, recording: action.recording };
    case 'error':
      return { ...state, error: action.error };
  }
}

function withSnapshot(
  state: PanelLiveState,
  next: PanelSnapshot,
  at: number,
  fromJoin: boolean,
): PanelLiveState {
  const current = state.snapshot;
  if (current && (next.version < current.version || (!fromJoin && next.version === current.version)))
    return state;
  const speakerChanged = current?.speaker?.id !== next.speaker?.id;
  return {
    ...state,
    snapshot: next,
    offsetMs: clockOffsetMs(next.serverTime, at),
    timeUp: speakerChanged || !next.speaker ? null : state.timeUp,
  };
}

/** Broadcast questions carry no `voted` (it is per user): the one this client knows is kept. */
function upsert(list: QuestionView[], question: QuestionView): QuestionView[] {
  const index = list.findIndex((q) => q.id === question.id);
  if (index < 0) return [...list, question];
  const copy = list.slice();
  copy[index] = { ...question, voted: question.voted ?? list[index].voted };
  return copy;
}
