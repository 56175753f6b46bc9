import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ParticipantView, Role } from '@rostrum/contracts';
import { EventEntity, ParticipantEntity, UserEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { AppError, forbidden, notFound, validationFailed } from '../common/app-error';
import { Page } from '../common/list-query';
import { FloorService } from '../floor/floor.service';
import { invitationStatusSql } from '../invitations/invitation-view';
import { QaModerationService } from '../qa/qa-moderation.service';
import { AccreditDto, ParticipantsQueryDto } from './dto/participants.dto';
import { FocalPointsService } from './focal-points.service';

const REVOCATION = 'not_accredited';

/**
 * An event's people: accreditations (accredited or revoked) and invitations to it not yet redeemed, in one
 * list. Revoking an accreditation takes the person's waiting requests out of the event's live panels and
 * dismisses their pending questions, through the floor's and the Q&A's own commands (logged, broadcast).
 */
@Injectable()
export class ParticipantsService {
  private readonly log = new Logger(ParticipantsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly focalPoints: FocalPointsService,
    private readonly floor: FloorService,
    private readonly qa: QaModerationService,
  ) {}

  async list(eventId: string, query: ParticipantsQueryDto, actor: AuthUser): Promise<Page<ParticipantView>> {
    await this.requireEvent(eventId);
    const scope = await this.focalPoints.scopeOf(actor);
    this.focalPoints.requireCovers(scope, eventId, scope.kind === 'all' ? null : scope.delegationId);
    const own = scope.kind === 'delegation' ? scope.delegationId : undefined;
    return this.select(eventId, { ...query, own }, query);
  }

  /** Staff accredit an existing account (again, after a revocation); answers its participants row. */
  async accredit(eventId: string, dto: AccreditDto): Promise<ParticipantView> {
    await this.requireEvent(eventId);
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: dto.userId });
    if (!user) throw notFound('User');
    if (dto.focalPoint && (user.role !== 'delegate' || !user.delegationId)) {
      throw validationFailed('Only a delegate can be a focal point');
    }
    await this.db.getRepository(ParticipantEntity).upsert(
      {
        eventId,
        userId: user.id,
        status: 'accredited',
        focalPoint: dto.focalPoint ?? false,
        revokedAt: null,
      },
      ['eventId', 'userId'],
    );
    return this.one(eventId, user.id);
  }

  /**
   * Revokes an accreditation (revoking a revoked one is fine). Staff may revoke anyone's; a focal point their
   * delegation's delegates. Their floor and Q&A commands in the event are refused from the commit on; then
   * their waiting requests in its live panels are removed and their pending questions dismissed.
   */
  async revoke(eventId: string, userId: string, actor: AuthUser): Promise<void> {
    await this.requireEvent(eventId);
    const scope = await this.focalPoints.scopeOf(actor);
    const target = await this.db
      .getRepository(ParticipantEntity)
      .findOne({ where: { eventId, userId }, relations: { user: true } });
    if (!target) throw notFound('Participant');
    if (scope.kind === 'delegation' && target.user!.role !== 'delegate') throw forbidden();
    this.focalPoints.requireCovers(scope, eventId, target.user!.delegationId);
    if (target.status === 'accredited') {
      await this.db
        .getRepository(ParticipantEntity)
        .update(target.id, { status: 'revoked', revokedAt: new Date(), focalPoint: false });
    }
    await this.withdrawFromLivePanels(eventId, userId, actor);
  }

  /** Each through the same command a moderator would use, one at a time; a race that got there first is fine. */
  private async withdrawFromLivePanels(eventId: string, userId: string, actor: AuthUser): Promise<void> {
    const requests: { panelId: string; interventionId: string }[] = await this.db.query(
      `SELECT i.panel_id AS "panelId", i.id AS "interventionId" FROM interventions i
       JOIN panels p ON p.id = i.panel_id
       WHERE p.event_id = $1 AND p.status = 'live' AND i.delegate_id = $2 AND i.status = 'queued'`,
      [eventId, userId],
    );
    for (const ref of requests) {
      await ignoreRace(this.floor.remove(actor, ref, REVOCATION));
    }
    const questions: { panelId: string; questionId: string }[] = await this.db.query(
      `SELECT q.panel_id AS "panelId", q.id AS "questionId" FROM questions q
       JOIN panels p ON p.id = q.panel_id
       WHERE p.event_id = $1 AND p.status <> 'ended' AND q.author_id = $2 AND q.status = 'pending'`,
      [eventId, userId],
    );
    for (const ref of questions) {
      await ignoreRace(this.qa.dismissForRevocation(actor, ref));
    }
    if (requests.length || questions.length) {
      this.log.log(
        { eventId, userId, requests: requests.length, questions: questions.length },
        'accreditation revoked: requests removed and questions dismissed',
      );
    }
  }

  private async one(eventId: string, userId: string): Promise<ParticipantView> {
    const { items } = await this.select(eventId, { userId }, { limit: 1, offset: 0 });
    return items[0];
  }

  private async requireEvent(eventId: string): Promise<void> {
    if (!(await this.db.getRepository(EventEntity).existsBy({ id: eventId }))) throw notFound('Event');
  }

  /** One page of the event's rows (accreditations, then open invitations), by name, and how many match. */
  private async select(eventId: string, filters: Filters, page: { limit: number; offset: number }) {
    const params: unknown[] = [eventId];
    const where: string[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filters.own) where.push(`r.delegation_id = ${param(filters.own)}`);
    if (filters.delegationId) where.push(`r.delegation_id = ${param(filters.delegationId)}`);
    if (filters.userId) where.push(`r.user_id = ${param(filters.userId)}`);
    if (filters.role) where.push(`r.role = ${param(filters.role)}`);
    if (filters.status) where.push(`r.status = ${param(filters.status)}`);
    const text = filters.q?.trim();
    if (text) {
      const pattern = param(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(r.name ILIKE ${pattern} OR r.email ILIKE ${pattern})`);
    }
    const from = `${PARTICIPANT_ROWS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }]: { total: string }[] = await this.db.query(
      `${from.replace('SELECT_LIST', 'count(*) AS total')}`,
      params,
    );
    const rows: ParticipantRow[] = await this.db.query(
      `${from.replace('SELECT_LIST', ROW_COLUMNS)} ORDER BY r.name, r.email, r.invitation_id
       LIMIT ${param(page.limit)} OFFSET ${param(page.offset)}`,
      params,
    );
    return { items: rows.map(toParticipantView), total: Number(total) };
  }
}

type Filters = Partial<Pick<ParticipantsQueryDto, 'delegationId' | 'role' | 'status' | 'q'>> & {
  own?: string;
  userId?: string;
};

/**
 * Accreditations of event $1 with the invitation each redeemed (if any), and the invitations to it that are
 * neither redeemed nor revoked (pending or expired: staff can still resend them).
 */
const PARTICIPANT_ROWS = `
  WITH r AS (
    SELECT u.id AS user_id, u.name, u.email, u.role, u.delegation_id, u.active, p.status, p.focal_point,
           inv.id AS invitation_id, inv.status AS invitation_status, inv.sent_at, inv.expires_at
    FROM participants p JOIN users u ON u.id = p.user_id
    LEFT JOIN LATERAL (
      SELECT i.id, ${invitationStatusSql('i')} AS status, i.sent_at, i.expires_at FROM invitations i
      WHERE i.event_id = p.event_id AND i.used_by_id = u.id ORDER BY i.created_at DESC LIMIT 1
    ) inv ON true
    WHERE p.event_id = $1
    UNION ALL
    SELECT NULL, COALESCE(i.name, i.email, ''), i.email, i.role, i.delegation_id, NULL, 'invited', i.focal_point,
           i.id, ${invitationStatusSql('i')}, i.sent_at, i.expires_at
    FROM invitations i
    WHERE i.event_id = $1 AND i.used_at IS NULL AND i.revoked_at IS NULL
  )
  SELECT SELECT_LIST FROM r LEFT JOIN delegations d ON d.id = r.delegation_id`;

const ROW_COLUMNS = `r.*, d.name AS delegation_name, d.code AS delegation_code, d.kind AS delegation_kind,
  d.region AS delegation_region`;

/** Another command removed the request (or ended the panel) first: nothing left to do. */
async function ignoreRace(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (err) {
    const code = err instanceof AppError ? err.code : null;
    if (code !== 'NOT_IN_QUEUE' && code !== 'PANEL_NOT_LIVE' && code !== 'NOT_FOUND') throw err;
  }
}

interface ParticipantRow {
  user_id: string | null;
  name: string;
  email: string | null;
  role: Role;
  delegation_id: string | null;
  active: boolean | null;
  status: ParticipantView['status'];
  focal_point: boolean;
  invitation_id: string | null;
  invitation_status: NonNullable<ParticipantView['invitation']>['status'] | null;
  sent_at: Date | null;
  expires_at: Date | null;
  delegation_name: string | null;
  delegation_code: string | null;
  delegation_kind: 'member_state' | 'observer' | null;
  delegation_region: string | null;
}

function toParticipantView(r: ParticipantRow): ParticipantView {
  return {
    user: r.user_id
      ? {
          id: r.user_id,
          name: r.name,
          email: r.email!,
          role: r.role,
          delegationId: r.delegation_id,
          active: r.active!,
        }
      : null,
    name: r.name,
    email: r.email,
    role: r.role,
    delegation: r.delegation_id
      ? {
          id: r.delegation_id,
          name: r.delegation_name!,
          code: r.delegation_code!,
          kind: r.delegation_kind!,
          region: r.delegation_region,
        }
      : null,
    status: r.status,
    focalPoint: r.focal_point,
    invitation: r.invitation_id
      ? {
          id: r.invitation_id,
          status: r.invitation_status!,
          sentAt: r.sent_at?.toISOString() ?? null,
          expiresAt: r.expires_at!.toISOString(),
        }
      : null,
  };
}
