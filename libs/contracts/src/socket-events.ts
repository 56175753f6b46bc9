import type { InterventionKind } from './domain';
import type { InterventionView, PanelSnapshot, QuestionView, RecordingView } from './api-types';
import type { ErrorCode } from './error-codes';

export const LIVE_NAMESPACE = '/live';

/** Every command is acknowledged exactly once with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
export type AckFn<T> = (answer: Ack<T>) => void;

export interface PanelRef {
  panelId: string;
}

export interface FloorRequestAnswer {
  intervention: InterventionView;
  position: number;
  estimatedWaitSeconds: number;
}

/** Client → server commands: payload and acknowledged data. */
export interface ClientCommands {
  'panel:join': [PanelRef, PanelSnapshot & { questions: QuestionView[] }];
  'panel:leave': [PanelRef, Record<string, never>];
  'floor:request': [
    PanelRef & { kind: InterventionKind; note?: string; requestId?: string },
    FloorRequestAnswer,
  ];
  'floor:withdraw': [PanelRef & { interventionId: string }, Record<string, never>];
  'floor:grant': [PanelRef & { interventionId: string; seconds?: number }, PanelSnapshot];
  'floor:next': [PanelRef, PanelSnapshot];
  'floor:end': [PanelRef, PanelSnapshot];
  'floor:extend': [PanelRef & { seconds: number }, PanelSnapshot];
  'floor:pause': [PanelRef, PanelSnapshot];
  'floor:resume': [PanelRef, PanelSnapshot];
  'queue:move': [PanelRef & { interventionId: string; toIndex: number }, PanelSnapshot];
  'queue:remove': [PanelRef & { interventionId: string }, PanelSnapshot];
  'queue:open': [PanelRef, PanelSnapshot];
  'queue:close': [PanelRef, PanelSnapshot];
  'qa:ask': [PanelRef & { text: string; addressedTo?: string }, QuestionView];
  'qa:vote': [PanelRef & { questionId: string }, { questionId: string; votes: number; voted: boolean }];
  'qa:approve': [PanelRef & { questionId: string }, QuestionView];
  'qa:dismiss': [PanelRef & { questionId: string }, QuestionView];
  'qa:answered': [PanelRef & { questionId: string }, QuestionView];
  'qa:answer': [PanelRef & { questionId: string; text: string }, QuestionView];
}
export type ClientCommandName = keyof ClientCommands;

export interface PresenceCounts {
  moderators: number;
  panelists: number;
  delegates: number;
  public: number;
}

/** Server → client events. */
export interface ServerEvents {
  'panel:state': (snapshot: PanelSnapshot) => void;
  'floor:timeup': (payload: { panelId: string; interventionId: string; version: number }) => void;
  'qa:question': (question: QuestionView) => void;
  'qa:votes': (payload: { panelId: string; votes: Record<string, number> }) => void;
  'panel:presence': (payload: { panelId: string; online: PresenceCounts }) => void;
  'recording:status': (recording: RecordingView) => void;
}

/** socket.io's typed map for clients: each command takes its payload and an acknowledgement. */
export type ClientToServerEvents = {
  [K in ClientCommandName]: (payload: ClientCommands[K][0], ack: AckFn<ClientCommands[K][1]>) => void;
};
