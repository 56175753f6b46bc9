import type { CreatedInvitation, InvitationStatus, InvitationView } from '@rostrum/contracts';
import type { InvitationEntity } from '@rostrum/database';
import { AppError } from '../common/app-error';

/** pending → accepted (redeemed), expired (past its expiry unredeemed) or revoked (withdrawn). */
export function invitationStatus(i: InvitationEntity, now = Date.now()): InvitationStatus {
  if (i.revokedAt) return 'revoked';
  if (i.usedAt) return 'accepted';
  return i.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

/** The same, in SQL, for filters over invitations aliased `alias`. */
export const invitationStatusSql = (alias: string) =>
  `CASE WHEN ${alias}.revoked_at IS NOT NULL THEN 'revoked' WHEN ${alias}.used_at IS NOT NULL THEN 'accepted'
        WHEN ${alias}.expires_at <= now() THEN 'expired' ELSE 'pending' END`;

/** What both answers say about an invitation. */
const invitationFields = (i: InvitationEntity) => ({
  id: i.id,
  role: i.role,
  eventId: i.eventId,
  delegationId: i.delegationId,
  email: i.email,
  name: i.name,
  language: i.language,
  focalPoint: i.focalPoint,
  sentAt: i.sentAt?.toISOString() ?? null,
  expiresAt: i.expiresAt.toISOString(),
});

export const toInvitationView = (i: InvitationEntity): InvitationView => ({
  ...invitationFields(i),
  status: invitationStatus(i),
  acceptedAt: i.usedAt?.toISOString() ?? null,
});

/** The answer of create and resend: the only time the code is shown. */
export const toCreatedInvitation = (i: InvitationEntity, code: string): CreatedInvitation => ({
  ...invitationFields(i),
  code,
});

export const invitationRevoked = () =>
  new AppError(
    'INVITATION_REVOKED',
    'This invitation was withdrawn; ask the secretariat or your focal point',
  );
