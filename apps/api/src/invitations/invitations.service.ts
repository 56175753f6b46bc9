import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreatedInvitation, InvitationLookup, InvitationView } from '@rostrum/contracts';
import { DelegationEntity, EventEntity, InvitationEntity } from '@rostrum/database';
import { FocalPointsService, PeopleScope } from '../accreditation/focal-points.service';
import type { AuthUser } from '../auth/auth-user';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../common/app-error';
import { Page } from '../common/list-query';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import { CreateInvitationDto, InvitationsQueryDto, ResendInvitationDto } from './dto/create-invitation.dto';
import {
  invitationRevoked,
  invitationStatus,
  invitationStatusSql,
  toCreatedInvitation,
  toInvitationView,
} from './invitation-view';

export const DEFAULT_EXPIRY_DAYS = 14;
export const expiryIn = (days = DEFAULT_EXPIRY_DAYS) => new Date(Date.now() + days * 24 * 3600 * 1000);

/**
 * Invitations: created one at a time (staff, or a focal point for their delegation), listed without their
 * codes, resent with a new code (the old one stops working), revoked. The code is shown once, in the answer
 * of create and resend; only its SHA-256 is stored.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly focalPoints: FocalPointsService,
    private readonly mail: MailOutboxService,
  ) {}

  async create(dto: CreateInvitationDto, actor: AuthUser): Promise<CreatedInvitation> {
    const scope = await this.focalPoints.scopeOf(actor);
    if (scope.kind === 'delegation') {
      // A focal point invites delegates of their own delegation, never another focal point.
      if (dto.role !== 'delegate' || dto.focalPoint) throw forbidden('A focal point invites delegates only');
      dto.delegationId ??= scope.delegationId;
      this.focalPoints.requireCovers(scope, dto.eventId ?? null, dto.delegationId);
    }
    await this.checkTargets(dto);
    if (dto.send && !dto.email) throw validationFailed('send needs an email to send the invitation to');
    const code = newSecretToken();
    const saved = await this.db.transaction(async (tx) => {
      if (dto.eventId && dto.email) await requireNotInvited(tx, dto.eventId, dto.email);
      if (scope.kind === 'delegation')
        await this.focalPoints.requireQuota(tx, dto.eventId!, dto.delegationId!);
      const repo = tx.getRepository(InvitationEntity);
      const invitation = await repo.save(
        repo.create({
          codeHash: hashSecretToken(code),
          role: dto.role,
          eventId: dto.eventId ?? null,
          delegationId: dto.delegationId ?? null,
          email: dto.email ?? null,
          name: dto.name ?? null,
          language: dto.language ?? null,
          focalPoint: dto.focalPoint ?? false,
          expiresAt: expiryIn(dto.expiresInDays),
          createdById: actor.id,
        }),
      );
      if (dto.send) await this.send(tx, invitation, code);
      return invitation;
    });
    return toCreatedInvitation(saved, code);
  }

  async list(query: InvitationsQueryDto, actor: AuthUser): Promise<Page<InvitationView>> {
    const scope = await this.focalPoints.scopeOf(actor);
    const qb = this.db.getRepository(InvitationEntity).createQueryBuilder('i');
    if (query.eventId) qb.andWhere('i.event_id = :eventId', { eventId: query.eventId });
    if (query.delegationId) qb.andWhere('i.delegation_id = :delegationId', query);
    if (query.status) qb.andWhere(`${invitationStatusSql('i')} = :status`, { status: query.status });
    if (scope.kind === 'delegation') {
      qb.andWhere(`i.role = 'delegate' AND i.delegation_id = :own AND i.event_id IN (:...events)`, {
        own: scope.delegationId,
        events: scope.eventIds,
      });
    }
    const [rows, total] = await qb
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: rows.map(toInvitationView), total };
  }

  /** A new code and expiry for an invitation not yet redeemed; the old code stops working at once. */
  async resend(id: string, dto: ResendInvitationDto, actor: AuthUser): Promise<CreatedInvitation> {
    const scope = await this.focalPoints.scopeOf(actor);
    const code = newSecretToken();
    const saved = await this.db.transaction(async (tx) => {
      const invitation = await this.lockManaged(tx, id, scope);
      const status = invitationStatus(invitation);
      if (status === 'accepted')
        throw new AppError('INVITATION_USED', 'This invitation has already been used');
      if (status === 'revoked') throw invitationRevoked();
      // An expired invitation takes a place again once it is renewed.
      if (status === 'expired' && scope.kind === 'delegation') {
        await this.focalPoints.requireQuota(tx, invitation.eventId!, invitation.delegationId!);
      }
      invitation.codeHash = hashSecretToken(code);
      invitation.expiresAt = expiryIn(dto.expiresInDays);
      await tx.getRepository(InvitationEntity).save(invitation);
      if ((dto.send ?? true) && invitation.email) await this.send(tx, invitation, code);
      return invitation;
    });
    return toCreatedInvitation(saved, code);
  }

  /** Withdraws an invitation not yet redeemed (revoking twice is fine); redeeming it then answers 410. */
  async revoke(id: string, actor: AuthUser): Promise<void> {
    const scope = await this.focalPoints.scopeOf(actor);
    await this.db.transaction(async (tx) => {
      const invitation = await this.lockManaged(tx, id, scope);
      if (invitation.revokedAt) return;
      if (invitation.usedAt) {
        throw conflict('This invitation was already redeemed: revoke the accreditation instead');
      }
      await tx.getRepository(InvitationEntity).update(id, { revokedAt: new Date() });
    });
  }

  /** What a code is for, so the registration page can say so and fill in the name and email. */
  async lookup(code: string): Promise<InvitationLookup> {
    const invitation = await this.db.getRepository(InvitationEntity).findOne({
      where: { codeHash: hashSecretToken(code) },
      relations: { delegation: true, event: true },
    });
    if (!invitation) throw notFound('Invitation');
    const { delegation, event } = invitation;
    const status = invitationStatus(invitation);
    return {
      role: invitation.role,
      delegation: delegation ? { id: delegation.id, name: delegation.name, code: delegation.code } : null,
      event: event
        ? {
            id: event.id,
            title: event.title,
            startsAt: event.startsAt.toISOString(),
            endsAt: event.endsAt.toISOString(),
            timezone: event.timezone,
          }
        : null,
      email: invitation.email,
      name: invitation.name,
      language: invitation.language,
      focalPoint: invitation.focalPoint,
      expiresAt: invitation.expiresAt.toISOString(),
      status: status === 'accepted' ? 'used' : status,
    };
  }

  /**
   * Queues the invitation mail in the invitation's transaction (the outbox row exists if and only if the
   * invitation change commits). `sentAt` records it only when mail is on; with mail off the outbox keeps a
   * `failed` row and staff copy the link from the answer instead.
   */
  private async send(tx: EntityManager, invitation: InvitationEntity, code: string): Promise<void> {
    await this.mail.queueInvitation(invitation, code, tx);
    if (!this.mail.isOn) return;
    invitation.sentAt = new Date();
    await tx.getRepository(InvitationEntity).update(invitation.id, { sentAt: invitation.sentAt });
  }

  private async checkTargets(dto: CreateInvitationDto): Promise<void> {
    if (dto.role === 'delegate' && !dto.delegationId)
      throw validationFailed('delegationId is required for delegates');
    if (dto.role === 'delegate' && !dto.eventId) throw validationFailed('eventId is required for delegates');
    if (dto.role !== 'delegate' && dto.delegationId)
      throw validationFailed('delegationId is only for delegates');
    if (dto.role !== 'delegate' && dto.focalPoint) throw validationFailed('focalPoint is only for delegates');
    if (dto.eventId && !(await this.db.getRepository(EventEntity).existsBy({ id: dto.eventId }))) {
      throw notFound('Event');
    }
    if (
      dto.delegationId &&
      !(await this.db.getRepository(DelegationEntity).existsBy({ id: dto.delegationId }))
    ) {
      throw notFound('Delegation');
    }
  }

  /** The invitation, locked for the change, if the actor manages it (404 when it does not exist). */
  private async lockManaged(tx: EntityManager, id: string, scope: PeopleScope): Promise<InvitationEntity> {
    const invitation = await tx
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
    if (!invitation) throw notFound('Invitation');
    if (scope.kind === 'delegation' && invitation.role !== 'delegate') throw forbidden();
    this.focalPoints.requireCovers(scope, invitation.eventId, invitation.delegationId);
    return invitation;
  }
}

/**
 * One invitation per person and event: an email with an invitation still open (pending) or already
 * accredited to the event → 409 CONFLICT (resend the invitation instead).
 */
async function requireNotInvited(tx: EntityManager, eventId: string, email: string): Promise<void> {
  const rows: unknown[] = await tx.query(
    `SELECT 1 FROM invitations i WHERE i.event_id = $1 AND i.email = $2
       AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
     UNION ALL
     SELECT 1 FROM participants p JOIN users u ON u.id = p.user_id
     WHERE p.event_id = $1 AND u.email = $2 AND p.status = 'accredited'`,
    [eventId, email],
  );
  if (rows.length) throw conflict(`${email} is already invited to or accredited for this event`);
}
