/** Value sets shared by the API, the worker, the web app and the database checks. */
export const ROLES = ['admin', 'staff', 'moderator', 'panelist', 'delegate', 'interpreter'] as const;
export type Role = (typeof ROLES)[number];
/** Roles staff may invite (admins are made by the bootstrap or by another admin). */
export const INVITABLE_ROLES = ['delegate', 'panelist', 'moderator', 'staff', 'interpreter'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** Accreditation of a person to an event (CONTRACT.md, "Accreditation"). */
export const PARTICIPANT_STATUSES = ['accredited', 'revoked'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
/** A participants-list row: an invitation not yet redeemed, or an accreditation. */
export type ParticipantRowStatus = 'invited' | ParticipantStatus;
export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
/** An event's delegateQuota when none is given. */
export const DEFAULT_DELEGATE_QUOTA = 5;

export const DELEGATION_KINDS = ['member_state', 'observer'] as const;
export type DelegationKind = (typeof DELEGATION_KINDS)[number];

export const EVENT_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const PANEL_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type PanelStatus = (typeof PANEL_STATUSES)[number];

export const INTERVENTION_KINDS = [
  'statement',
  'question',
  'point_of_order',
  'right_of_reply',
  'group_statement',
] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

export const INTERVENTION_STATUSES = ['queued', 'speaking', 'done', 'withdrawn', 'removed'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
/** A request still "open": it blocks a second request by the same delegate (and delegation). */
export const OPEN_INTERVENTION_STATUSES: InterventionStatus[] = ['queued', 'speaking'];

export const QUESTION_STATUSES = ['pending', 'approved', 'answered', 'dismissed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const RECORDING_STATUSES = ['recording', 'processing', 'ready', 'failed'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];
export const TRANSCRIPT_STATUSES = ['queued', 'processing', 'ready', 'failed', 'unavailable'] as const;
export type TranscriptStatus = (typeof TRANSCRIPT_STATUSES)[number];
export const RECORDING_SOURCES = ['egress', 'import'] as const;
export type RecordingSource = (typeof RECORDING_SOURCES)[number];

export interface PanelSettings {
  speakingSeconds: number;
  pointOfOrderSeconds: number;
  rightOfReplySeconds: number;
  onePerDelegation: boolean;
  qaModeration: boolean;
  publicQa: boolean;
  autoEndOnTimeUp: boolean;
  interactionWindowSeconds: number | null;
  /** The diplomatic list of speakers (CONTRACT.md): how new requests are placed. */
  orderPolicy: OrderPolicy;
  /** ISO time from which delegates may inscribe while the panel is still scheduled; null: only once live. */
  inscriptionOpensAt: string | null;
  /** Speaking time per delegation in the panel (points of order excepted); null: no budget. */
  delegationBudgetSeconds: number | null;
  rightsOfReplyPerDelegation: number;
  groupStatementSeconds: number;
  /** How many waiting requests are "on deck" (told to get ready). */
  onDeck: number;
}

export const ORDER_POLICIES = ['first_come', 'protocol'] as const;
export type OrderPolicy = (typeof ORDER_POLICIES)[number];

export const DEFAULT_PANEL_SETTINGS: PanelSettings = {
  speakingSeconds: 180,
  pointOfOrderSeconds: 60,
  rightOfReplySeconds: 120,
  onePerDelegation: false,
  qaModeration: true,
  publicQa: true,
  autoEndOnTimeUp: false,
  interactionWindowSeconds: null,
  orderPolicy: 'first_come',
  inscriptionOpensAt: null,
  delegationBudgetSeconds: null,
  rightsOfReplyPerDelegation: 2,
  groupStatementSeconds: 300,
  onDeck: 2,
};

/**
 * The protocol order's bands (the diplomatic list of speakers): 1 points of order, 2 group statements,
 * 3 member states' statements and questions, 4 observers', 5 rights of reply. Here so that the server's
 * rules and the web app's headings agree.
 */
export type ProtocolBand = 1 | 2 | 3 | 4 | 5;
export function protocolBand(kind: string, delegationKind: DelegationKind | null): ProtocolBand {
  if (kind === 'point_of_order') return 1;
  if (kind === 'group_statement') return 2;
  if (kind === 'right_of_reply') return 5;
  return delegationKind === 'observer' ? 4 : 3;
}
