import {
  INVITATION_STATUSES as CONTRACT_INVITATION_STATUSES,
  type CreatedInvitation,
  type DelegationDetails,
  type EventView,
  type ImportReport,
  type InvitableRole,
  type InvitationStatus,
  type InvitationView,
  type MailLanguage,
  type ParticipantRowStatus,
  type ParticipantView,
} from '@rostrum/contracts';
import { apiPage, apiRequest, RawBody } from './http-client';
import { query } from './rest';

/**
 * Accreditation routes (CONTRACT.md, "Accreditation: events, participants, invitations and mail"), typed by
 * the contract's shapes (libs/contracts).
 */
export type AccreditedEvent = EventView;
export type RegionalDelegation = DelegationDetails;
export type { ImportReport, InvitationStatus, MailLanguage };
export type ParticipantStatus = ParticipantRowStatus;
/** The statuses of a participants-list row, counted and filtered on the staff's page. */
export const PARTICIPANT_STATUSES: ParticipantStatus[] = ['invited', 'accredited', 'revoked'];
export const INVITATION_STATUSES: readonly InvitationStatus[] = CONTRACT_INVITATION_STATUSES;
export type Participant = ParticipantView;
export type InvitationListItem = InvitationView;
/** `POST /api/invitations` and `…/resend`: the code, shown once. */
export type IssuedInvitation = CreatedInvitation;

export interface InvitationInput {
  role: InvitableRole;
  eventId?: string;
  delegationId?: string;
  email?: string;
  name?: string;
  language?: MailLanguage;
  focalPoint?: boolean;
  send?: boolean;
}

export interface ParticipantFilter {
  role?: string;
  delegationId?: string;
  status?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

const post = <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body);

export const accreditation = {
  participants: (eventId: string, filter: ParticipantFilter) =>
    apiPage<Participant>(`/events/${eventId}/participants${query(filter)}`),
  /** How many participants have each status (one `limit=1` page each, read from X-Total-Count). */
  countByStatus: async (eventId: string, filter: ParticipantFilter) => {
    const pages = await Promise.all(
      PARTICIPANT_STATUSES.map((status) =>
        apiPage<Participant>(`/events/${eventId}/participants${query({ ...filter, status, limit: 1 })}`),
      ),
    );
    return Object.fromEntries(PARTICIPANT_STATUSES.map((s, i) => [s, pages[i].total])) as Record<
      ParticipantStatus,
      number
    >;
  },
  accredit: (eventId: string, userId: string, focalPoint?: boolean) =>
    post<unknown>(`/events/${eventId}/participants`, { userId, ...(focalPoint ? { focalPoint } : {}) }),
  revokeParticipant: (eventId: string, userId: string) =>
    apiRequest<void>('DELETE', `/events/${eventId}/participants/${userId}`),

  invitations: (filter: { eventId?: string; status?: string; limit?: number; offset?: number }) =>
    apiPage<InvitationListItem>(`/invitations${query(filter)}`),
  invite: (body: InvitationInput) => post<IssuedInvitation>('/invitations', body),
  resendInvitation: (id: string) => post<IssuedInvitation>(`/invitations/${id}/resend`),
  revokeInvitation: (id: string) => post<void>(`/invitations/${id}/revoke`),

  importInvitations: (eventId: string, csv: Blob | string, options: { dryRun: boolean; send: boolean }) =>
    post<ImportReport>(
      `/events/${eventId}/invitations/import?dryRun=${options.dryRun}&send=${options.send}`,
      new RawBody('text/csv', csv),
    ),
  importDelegations: (csv: Blob | string, options: { dryRun: boolean }) =>
    post<ImportReport>(`/delegations/import?dryRun=${options.dryRun}`, new RawBody('text/csv', csv)),
  updateDelegation: (id: string, body: { name?: string; region?: string | null }) =>
    apiRequest<RegionalDelegation>('PATCH', `/delegations/${id}`, body),
};

/** The registration link an invitation's code opens (shown when no mail was sent). */
export const registrationLink = (code: string) =>
  `${window.location.origin}/register?code=${encodeURIComponent(code)}`;
