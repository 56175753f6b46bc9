import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AppError, forbidden } from '../common/app-error';

/** Staff and admins manage every event's people; a focal point only their delegation's, in their events. */
export type PeopleScope = { kind: 'all' } | { kind: 'delegation'; delegationId: string; eventIds: string[] };

/**
 * Focal points: a delegate accredited to an event as their delegation's focal point may invite, list,
 * resend and revoke that delegation's delegates for that event, within the event's delegateQuota.
 */
@Injectable()
export class FocalPointsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** What `actor` may manage; anyone else than staff, admins and focal points → FORBIDDEN. */
  async scopeOf(actor: AuthUser): Promise<PeopleScope> {
    if (actor.role === 'staff' || actor.role === 'admin') return { kind: 'all' };
    if (actor.role !== 'delegate' || !actor.delegationId) throw forbidden();
    const rows: { eventId: string }[] = await this.db.query(
      `SELECT event_id AS "eventId" FROM participants
       WHERE user_id = $1 AND status = 'accredited' AND focal_point`,
      [actor.id],
    );
    if (rows.length === 0) throw forbidden('Only staff and focal points manage invitations');
    return { kind: 'delegation', delegationId: actor.delegationId, eventIds: rows.map((r) => r.eventId) };
  }

  /** FORBIDDEN unless the scope covers this delegation's people in this event. */
  requireCovers(scope: PeopleScope, eventId: string | null, delegationId: string | null): void {
    if (scope.kind === 'all') return;
    if (!eventId || !scope.eventIds.includes(eventId) || delegationId !== scope.delegationId) {
      throw forbidden("A focal point manages only their own delegation's delegates, in their event");
    }
  }

  /**
   * Accredited + pending delegates of the delegation in the event, against the event's quota (null: none).
   * Takes a transaction-scoped advisory lock per (event, delegation) first, so two focal points inviting
   * at once cannot both take the last place. `adding` is how many places the caller is about to fill.
   */
  async requireQuota(tx: EntityManager, eventId: string, delegationId: string, adding = 1): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `quota:${eventId}:${delegationId}`,
    ]);
    const [row]: { quota: number | null; used: string }[] = await tx.query(
      `SELECT e.delegate_quota AS quota,
         (SELECT count(*) FROM participants p JOIN users u ON u.id = p.user_id
            WHERE p.event_id = e.id AND p.status = 'accredited' AND u.role = 'delegate'
              AND u.delegation_id = $2)
       + (SELECT count(*) FROM invitations i
            WHERE i.event_id = e.id AND i.role = 'delegate' AND i.delegation_id = $2
              AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()) AS used
       FROM events e WHERE e.id = $1`,
      [eventId, delegationId],
    );
    if (!row || row.quota === null) return;
    if (Number(row.used) + adding > row.quota) {
      throw new AppError(
        'QUOTA_EXCEEDED',
        `This delegation already has ${row.used} of its ${row.quota} places for the event (accredited and invited)`,
      );
    }
  }
}
