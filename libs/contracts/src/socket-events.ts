import type { InterventionKind } from './domain';
import type { InterventionView, PanelSnapshot, QuestionView, RecordingView } from './api-types';
import type { ErrorCode } from './error-codes';

export const LIVE_NAMESPACE = '/live';

/**
 * How clients reconnect after losing the connection (socket.io-client options): exponential backoff from
 * 0.5 s to 5 s with ±50 % jitter, so the thousands of clients of an API instance that died do not all knock
 * on the surviving instances in the same millisecond.
 */
export const LIVE_RECONNECT = {
  reconnectionDelay: 500,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
} as const;

/**
 * How long a signed-in user the server disconnected for flooding commands may not connect again (a handshake
 * meanwhile is held until then, and refused `RATE_LIMITED`): a bot reconnecting at once would otherwise get a
 * fresh command budget, and the work of the commands it gets through, with every connection.
 */
export const LIVE_FLOOD_COOL_OFF_MS = 5000;

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

/**
 * A moderator's floor command answers the snapshot; when the webcast did not follow a speaker change
 * (LiveKit unreachable or slow), `webcastError` says so — the floor changed all the same.
 */
export type FloorSnapshotAnswer = PanelSnapshot & { webcastError?: string };

/** The floor's original sound, or an interpretation booth's language (ISO 639-1). */
export const FLOOR_CHANNEL = 'floor';

/** Which booth of a panel: the panel and one of its event's languages. */
export interface BoothRef extends PanelRef {
  language: string;
}

/**
 * An interpretation booth during a panel: who is live (the only one heard on the channel), which channel the
 * booth interprets from ("floor" or another booth's language), and which of its interpreters are connected.
 */
export interface BoothState {
  panelId: string;
  language: string;
  live: { id: string; name: string } | null;
  relayFrom: string;
  online: { id: string; name: string }[];
  /**
   * The panel's record head (`seq` of its last entry) when this state was read. Every booth change is in the
   * record, so a state with a lower `seq` is older: two instances may deliver theirs out of order, and a
   * client keeps the highest (`newerBoothState`). Equal `seq`s differ only in who is online.
   */
  seq: number;
}

/** The booth state to keep of two: the incoming one unless it is older (see `BoothState.seq`). */
export function newerBoothState(current: BoothState | null, incoming: BoothState): BoothState {
  return current && current.language === incoming.language && current.seq > incoming.seq ? current : incoming;
}

/** Client → server commands: payload and acknowledged data. */
export interface ClientCommands {
  'panel:join': [PanelRef, PanelSnapshot & { questions: QuestionView[] }];
  'panel:leave': [PanelRef, Record<string, never>];
  'floor:request': [
    PanelRef & {
      kind: InterventionKind;
      note?: string;
      requestId?: string;
      /** group_statement only: one of the event's groups. */
      onBehalfOf?: string;
      /** right_of_reply only (required): the intervention answered. */
      replyTo?: string;
    },
    FloorRequestAnswer,
  ];
  'floor:withdraw': [PanelRef & { interventionId: string }, Record<string, never>];
  'floor:grant': [PanelRef & { interventionId: string; seconds?: number }, FloorSnapshotAnswer];
  'floor:next': [PanelRef & { seconds?: number }, FloorSnapshotAnswer];
  'floor:end': [PanelRef, FloorSnapshotAnswer];
  'floor:extend': [PanelRef & { seconds: number }, FloorSnapshotAnswer];
  'floor:pause': [PanelRef, FloorSnapshotAnswer];
  'floor:resume': [PanelRef, FloorSnapshotAnswer];
  'queue:move': [PanelRef & { interventionId: string; toIndex: number }, FloorSnapshotAnswer];
  'queue:remove': [PanelRef & { interventionId: string }, FloorSnapshotAnswer];
  /** Moves a waiting request `places` down (1–20, default 1), keeping it. */
  'queue:skip': [PanelRef & { interventionId: string; places?: number }, FloorSnapshotAnswer];
  /** The requesting delegate says they are (or are no longer) ready to speak. */
  'floor:ready': [PanelRef & { interventionId: string; ready: boolean }, InterventionView];
  'queue:open': [PanelRef, FloorSnapshotAnswer];
  'queue:close': [PanelRef, FloorSnapshotAnswer];
  'qa:ask': [PanelRef & { text: string; addressedTo?: string }, QuestionView];
  'qa:vote': [PanelRef & { questionId: string }, { questionId: string; votes: number; voted: boolean }];
  'qa:approve': [PanelRef & { questionId: string }, QuestionView];
  'qa:dismiss': [PanelRef & { questionId: string }, QuestionView];
  'qa:answered': [PanelRef & { questionId: string }, QuestionView];
  'qa:answer': [PanelRef & { questionId: string; text: string }, QuestionView];
  'booth:join': [BoothRef, BoothState];
  'booth:take': [BoothRef, BoothState];
  'booth:release': [BoothRef, BoothState];
  'booth:relay': [BoothRef & { from: string }, BoothState];
}
export type ClientCommandName = keyof ClientCommands;

export interface PresenceCounts {
  moderators: number;
  panelists: number;
  delegates: number;
  public: number;
}

/**
 * A live caption: what the worker heard in one HLS segment of a live panel (LIVE_CAPTIONS), times in seconds
 * from the panel's going live.
 */
export interface CaptionSegment {
  panelId: string;
  language: string;
  startSeconds: number;
  endSeconds: number;
  text: string;
}

/** Server → client events. */
export interface ServerEvents {
  'panel:state': (snapshot: PanelSnapshot) => void;
  'floor:timeup': (payload: { panelId: string; interventionId: string; version: number }) => void;
  /** To the requesting delegate's sockets, once, when their request comes among the first `onDeck`. */
  'floor:ondeck': (payload: { panelId: string; interventionId: string; position: number }) => void;
  'qa:question': (question: QuestionView) => void;
  'qa:votes': (payload: { panelId: string; votes: Record<string, number> }) => void;
  'panel:presence': (payload: { panelId: string; online: PresenceCounts }) => void;
  'recording:status': (recording: RecordingView) => void;
  /** To the booth's interpreters and the panel's moderators, on every change of the booth. */
  'booth:state': (state: BoothState) => void;
  'caption:segment': (caption: CaptionSegment) => void;
}

/** socket.io's typed map for clients: each command takes its payload and an acknowledgement. */
export type ClientToServerEvents = {
  [K in ClientCommandName]: (payload: ClientCommands[K][0], ack: AckFn<ClientCommands[K][1]>) => void;
};
