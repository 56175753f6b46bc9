import type {
  DelegationKind,
  EventStatus,
  InvitableRole,
  InvitationStatus,
  ParticipantRowStatus,
  InterventionKind,
  InterventionStatus,
  PanelSettings,
  PanelStatus,
  QuestionStatus,
  RecordingStatus,
  Role,
  TranscriptStatus,
} from './domain';
import type { Translations } from './translations';
import type { MailLanguage } from './mail';

/** Shapes exactly as CONTRACT.md gives them; times are ISO 8601 UTC strings. */
export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  delegationId: string | null;
  /** false: deactivated (cannot sign in). */
  active: boolean;
}

/** POST /api/invitations/lookup: what an invitation code is for (never the code itself), to prefill registration. */
export interface InvitationLookup {
  role: InvitableRole;
  delegation: { id: string; name: string; code: string } | null;
  event: { id: string; title: string; startsAt: string; endsAt: string; timezone: string } | null;
  email: string | null;
  name: string | null;
  language: MailLanguage | null;
  focalPoint: boolean;
  expiresAt: string;
  status: 'pending' | 'used' | 'expired' | 'revoked';
}

/** POST /api/invitations and /api/invitations/:id/resend: the code, shown only in this answer. */
export interface CreatedInvitation {
  id: string;
  code: string;
  role: InvitableRole;
  eventId: string | null;
  delegationId: string | null;
  email: string | null;
  name: string | null;
  language: MailLanguage | null;
  focalPoint: boolean;
  expiresAt: string;
  sentAt: string | null;
}

/** GET /api/invitations: never the code. */
export interface InvitationView {
  id: string;
  role: InvitableRole;
  eventId: string | null;
  delegationId: string | null;
  email: string | null;
  name: string | null;
  language: MailLanguage | null;
  focalPoint: boolean;
  status: InvitationStatus;
  sentAt: string | null;
  expiresAt: string;
  acceptedAt: string | null;
}

/** GET /api/events/:id/participants: an accreditation, or an invitation to the event not yet redeemed. */
export interface ParticipantView {
  user: UserView | null;
  name: string;
  email: string | null;
  role: Role;
  delegation: DelegationDetails | null;
  status: ParticipantRowStatus;
  focalPoint: boolean;
  invitation: { id: string; status: InvitationStatus; sentAt: string | null; expiresAt: string } | null;
}

/** The answer of the CSV imports (invitations, delegations); `row` is the file's line number, the header being 1. */
export interface ImportReport {
  rows: number;
  valid: number;
  created: number;
  skipped: number;
  /** Delegation import only: existing codes updated. */
  updated?: number;
  errors: { row: number; field: string; message: string }[];
}

export interface DelegationView {
  id: string;
  name: string;
  kind: DelegationKind;
  code: string;
}

/** A delegation as the delegations routes answer it (snapshots carry the shorter DelegationView). */
export interface DelegationDetails extends DelegationView {
  /** A regional group (one of an event's `groups`) or free text. */
  region: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface PanelView {
  id: string;
  eventId: string;
  title: string;
  theme: string | null;
  description: string | null;
  guidingQuestions: string[];
  /** `{[language]: {title?, theme?, description?, guidingQuestions?}}`, whole. */
  translations: Translations;
  startsAt: string;
  endsAt: string;
  status: PanelStatus;
  queueOpen: boolean;
  version: number;
  settings: PanelSettings;
  moderators: PersonRef[];
  panelists: PersonRef[];
  startedAt: string | null;
  endedAt: string | null;
}

export interface EventView {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  languages: string[];
  /** `{[language]: {title?, description?}}`, whole. */
  translations: Translations;
  /** IANA zone the event is shown in (times on the wire stay UTC). */
  timezone: string;
  /** Accredited + pending delegates per delegation; null = no limit. */
  delegateQuota: number | null;
  /** Regional groups, e.g. "GRULAC". */
  groups: string[];
  status: EventStatus;
  panels: PanelView[];
}

/** `GET /api/events/:id/booths`: one per event language. */
export interface BoothView {
  language: string;
  interpreters: PersonRef[];
}

export interface InterventionView {
  id: string;
  panelId: string;
  kind: InterventionKind;
  note: string | null;
  status: InterventionStatus;
  delegate: PersonRef;
  delegation: DelegationView | null;
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  allottedSeconds: number | null;
  spokenSeconds: number | null;
  /**
   * Waiting requests in a snapshot's queue only: the estimated wait as of the snapshot's serverTime (the
   * speaker's time left + the allotted times ahead × the panel's clamped speech-length factor). Clients count
   * it down with the speaker's clock and never correct it themselves.
   */
  estimatedWaitSeconds?: number;
  /** A group statement: the regional group it is made for (one of the event's `groups`). */
  onBehalfOf: string | null;
  /** A right of reply: the intervention it answers, and that intervention's delegation. */
  replyTo: { id: string; delegation: DelegationView | null } | null;
  /** Among the first `onDeck` waiting requests. */
  onDeck: boolean;
  /** The delegate said they are ready to speak. */
  ready: boolean;
}

/** A delegation's speaking time in a panel with `delegationBudgetSeconds` (points of order excepted). */
export interface DelegationBudget {
  delegationId: string;
  /** Seconds spoken so far (pauses excluded, overtime included; the current speech up to `serverTime`). */
  usedSeconds: number;
  /** What is left, never below 0. */
  remainingSeconds: number;
}

export interface FloorClock {
  allottedSeconds: number;
  startedAt: string;
  pausedAt: string | null;
  pausedSeconds: number;
  /** Negative in overtime. */
  remainingSeconds: number;
}

export interface InteractionWindow {
  remainingSeconds: number;
  queuedSeconds: number;
  overrunSeconds: number;
}

export interface PanelSnapshot {
  panelId: string;
  version: number;
  status: PanelStatus;
  queueOpen: boolean;
  serverTime: string;
  speaker: InterventionView | null;
  clock: FloorClock | null;
  queue: InterventionView[];
  window: InteractionWindow | null;
  /** With `delegationBudgetSeconds`: the delegations that have spoken or are waiting; else empty. */
  budgets: DelegationBudget[];
  /**
   * On `panel:state` only: the version of the previous `panel:state` sent for this panel by the same API
   * instance (0: none since it started). Versions between it and `version` were folded into this whole
   * snapshot; a client whose latest version is below it missed a broadcast and joins again.
   */
  previousVersion?: number;
}

export interface QuestionView {
  id: string;
  panelId: string;
  text: string;
  status: QuestionStatus;
  votes: number;
  author: PersonRef;
  delegation: DelegationView | null;
  addressedTo: PersonRef | null;
  answer: string | null;
  createdAt: string;
  answeredAt: string | null;
  /** Additive, in a delegate's `panel:join` answer only: whether this delegate has upvoted the question. */
  voted?: boolean;
}

/** One entry of the floor log, the record of proceedings (its hash chain: docs/record.md). */
export interface FloorLogEntryView {
  seq: number;
  panelId: string;
  at: string;
  actor: { id: string; name: string; role: string } | null;
  action: string;
  interventionId: string | null;
  questionId: string | null;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** `GET /api/panels/:id/record`: the entries and an Ed25519 signature over the head. */
export interface PanelRecordView {
  panelId: string;
  entries: FloorLogEntryView[];
  head: { seq: number; hash: string };
  signedAt: string;
  signature: string;
  keyId: string;
}

export interface RecordKeyView {
  keyId: string;
  publicKeyPem: string;
}

export interface Chapter {
  startSeconds: number;
  endSeconds: number;
  title: string;
}

/** A chapter as stored: also the intervention it shows, so that its title can be given in another language. */
export interface StoredChapter extends Chapter {
  interventionId?: string;
}

export interface RecordingView {
  id: string;
  panelId: string;
  eventId: string;
  title: string;
  status: RecordingStatus;
  error: string | null;
  durationSeconds: number | null;
  sizeBytes: number | null;
  sha256: string | null;
  width: number | null;
  height: number | null;
  published: boolean;
  startedAt: string | null;
  endedAt: string | null;
  chapters: Chapter[];
  /** One per transcribed language (TRANSCRIBE_LANGUAGES); `unavailable` where no model exists. */
  transcripts: RecordingTranscript[];
  /** The archive's audio tracks, the floor's first (`language: "floor"`), then one per interpretation channel. */
  audioTracks: AudioTrackView[];
  createdAt: string;
}

export interface AudioTrackView {
  /** "floor" or the channel's ISO 639-1 code. */
  language: string;
  title: string;
}

/**
 * One interpretation channel of a recording, as stored: its audio-only egress (or an imported file), the
 * file, and when its media started (to align it with the video; `offsetSeconds` for an import).
 */
export interface StoredRecordingChannel {
  language: string;
  egressId: string | null;
  status: 'recording' | 'ended' | 'failed';
  /** Relative to RECORDINGS_DIR. */
  sourcePath: string | null;
  /** ISO time of the channel's first media (LiveKit's fileResults[].startedAt). */
  mediaStartedAt: string | null;
  /** Seconds after the video's start (imports). */
  offsetSeconds: number | null;
  error: string | null;
}

export interface RecordingTranscript {
  language: string;
  status: TranscriptStatus;
  /** The recogniser, e.g. "pocketsphinx"; null when none could run (`unavailable`). */
  engine: string | null;
}

/** Who had the floor when a transcript segment was spoken, from the floor log. */
export interface TranscriptSpeaker {
  name: string;
  delegation: { code: string; name: string } | null;
}

/** One line of a transcript: `GET /api/recordings/:id/transcript?lang=`. */
export interface TranscriptSegment {
  startSeconds: number;
  endSeconds: number;
  text: string;
  interventionId: string | null;
  speaker: TranscriptSpeaker | null;
}

/** One hit of `GET /api/recordings/search`, best first; `highlight` marks the matched words with <b>…</b>. */
export interface TranscriptSearchHit {
  recordingId: string;
  title: string;
  panelId: string;
  startSeconds: number;
  endSeconds: number;
  text: string;
  highlight: string;
  speaker: TranscriptSpeaker | null;
}

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

/** `POST /api/panels/:id/webcast/token` and its public twin. */
export interface WebcastTokenView {
  /** The LiveKit server the browser connects to. */
  url: string;
  token: string;
  room: string;
  identity: string;
  canPublish: boolean;
  /** What can be heard: the floor, and each of the event's languages (live: an interpreter is on it). */
  channels: WebcastChannel[];
}

/** One audio channel of a panel's webcast: "floor", or a booth's language. */
export interface WebcastChannel {
  language: string;
  live: boolean;
}

/** The `webcast` part of `GET /api/public/panels/:id`. */
export interface WebcastPublicInfo {
  live: boolean;
  /** The large-audience HLS stream (same origin as the API), when WEBCAST_HLS is on and the panel is live. */
  hlsUrl: string | null;
  /** With WEBCAST_HLS: the floor's stream (`language: "floor"`, the same as hlsUrl) and one per event language. */
  hls: { language: string; url: string }[];
}

/** `GET /api/panels/:id/report` (and `/api/events/:id/report`, summed over the event's panels). */
export interface SessionReport {
  /** The panel's id; null in an event's report. */
  panelId: string | null;
  /** The event's id in an event's report (absent in a panel's). */
  eventId?: string;
  speaking: {
    byDelegation: DelegationSpeaking[];
    byRegion: { region: string | null; interventions: number; spokenSeconds: number; share: number }[];
    byKind: { kind: string; interventions: number; spokenSeconds: number }[];
    /** Delegations whose first speech of the event was in this panel (in an event's report: all that spoke). */
    firstTimeSpeakers: number;
  };
  /** From request to the floor, over the requests that got it. */
  waits: { count: number; p50Seconds: number; p90Seconds: number; maxSeconds: number };
  questions: { asked: number; approved: number; answered: number; dismissed: number };
  attendance: {
    peak: { at: string | null; delegates: number; public: number; total: number };
    uniqueDelegates: number;
    uniqueDelegations: number;
    timeline: AttendanceSample[];
  };
}

export interface DelegationSpeaking {
  delegationId: string | null;
  code: string | null;
  name: string | null;
  region: string | null;
  interventions: number;
  spokenSeconds: number;
  /** Of all the time spoken in the report, 0…1 (four decimals). */
  share: number;
}

export interface AttendanceSample {
  /** The start of the sampled interval (ISO). */
  minute: string;
  moderators: number;
  panelists: number;
  delegates: number;
  public: number;
}
