import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ImportReport } from '@rostrum/contracts';
import { EventEntity, InvitationEntity } from '@rostrum/database';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/app-error';
import { countRowErrors, ImportFailed, parseCsv, runImport } from '../common/csv-import';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import { validateRow } from '../common/validate-row';
import { MailOutboxService } from '../mail/mail-outbox.service';
import { expiryIn } from '../invitations/invitations.service';
import { IMPORT_FIELD_NAMES, InvitationImportRowDto, YES } from './dto/invitation-import-row.dto';

const COLUMNS = ['name', 'email', 'role', 'delegation_code', 'language', 'focal_point'] as const;

interface GoodRow {
  line: number;
  row: InvitationImportRowDto;
  delegationId: string | null;
}

/**
 * Bulk invitations to one event from a CSV. Every row is checked first and every bad one reported (line,
 * field, message); only a file without errors creates anything, in one transaction. An email already
 * invited to (or accredited for) the event is skipped, so importing the same file twice creates nothing
 * the second time.
 */
@Injectable()
export class InvitationImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailOutboxService,
  ) {}

  async import(
    eventId: string,
    body: unknown,
    options: { dryRun: boolean; send: boolean },
    actor: AuthUser,
  ): Promise<ImportReport> {
    if (!(await this.db.getRepository(EventEntity).existsBy({ id: eventId }))) throw notFound('Event');
    const { rows, errors } = parseCsv(body, COLUMNS);
    const delegations = await this.delegationIdsByCode();
    const good: GoodRow[] = [];
    const firstLineOf = new Map<string, number>();
    for (const { line, cells } of rows) {
      const plain = {
        name: cells.name,
        email: cells.email,
        role: cells.role,
        delegationCode: cells.delegation_code,
        language: cells.language,
        focalPoint: cells.focal_point,
      };
      const { value: row, errors: rowErrors } = validateRow(
        InvitationImportRowDto,
        plain,
        line,
        IMPORT_FIELD_NAMES,
      );
      const problem = (field: string, message: string) => rowErrors.push({ row: line, field, message });
      const delegationId = delegations.get(row.delegationCode) ?? null;
      if (row.role === 'delegate') {
        if (!row.delegationCode) problem('delegation_code', 'delegation_code is required for delegates');
        else if (!delegationId)
          problem('delegation_code', `No delegation has the code ${row.delegationCode}`);
      } else if (row.delegationCode && !rowErrors.some((e) => e.field === 'role')) {
        problem('delegation_code', 'delegation_code is only for delegates');
      }
      if (row.role !== 'delegate' && row.focalPoint && YES.includes(row.focalPoint)) {
        problem('focal_point', 'Only a delegate can be a focal point');
      }
      const earlier = firstLineOf.get(row.email);
      if (earlier !== undefined && !rowErrors.some((e) => e.field === 'email')) {
        problem('email', `${row.email} is already on line ${earlier}`);
      }
      if (typeof row.email === 'string' && earlier === undefined) firstLineOf.set(row.email, line);
      errors.push(...rowErrors);
      if (rowErrors.length === 0) good.push({ line, row, delegationId });
    }
    errors.sort((a, b) => a.row - b.row);
    return runImport(options.dryRun, () =>
      this.db.transaction(async (tx) => {
        // One import per event at a time, so two uploads of one file cannot both create its rows.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `invitation-import:${eventId}`,
        ]);
        const known = await this.invitedOrAccredited(
          tx,
          eventId,
          good.map((g) => g.row.email),
        );
        const fresh = good.filter((g) => !known.has(g.row.email));
        const report: ImportReport = {
          rows: rows.length + countRowErrors(errors),
          valid: good.length,
          created: 0,
          skipped: good.length - fresh.length,
          errors,
        };
        if (errors.length) throw new ImportFailed(report);
        if (options.dryRun || fresh.length === 0) return report;
        const created = await this.insert(tx, eventId, fresh, actor);
        if (options.send) await this.send(tx, created);
        return { ...report, created: fresh.length };
      }),
    );
  }

  private async delegationIdsByCode(): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await this.db.query('SELECT id, code FROM delegations');
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Emails with an invitation to the event that was not revoked, or accredited to it. */
  private async invitedOrAccredited(tx: EntityManager, eventId: string, emails: string[]) {
    if (emails.length === 0) return new Set<string>();
    const rows: { email: string }[] = await tx.query(
      `SELECT i.email FROM invitations i
       WHERE i.event_id = $1 AND i.revoked_at IS NULL AND i.email = ANY($2::varchar[])
       UNION
       SELECT u.email FROM participants p JOIN users u ON u.id = p.user_id
       WHERE p.event_id = $1 AND p.status = 'accredited' AND u.email = ANY($2::varchar[])`,
      [eventId, emails],
    );
    return new Set(rows.map((r) => r.email));
  }

  /**
   * One INSERT for the whole file; each row gets its own code (only its hash is kept; the code itself goes
   * only into the mail, when sent). Answers the invitations created, each with its code.
   */
  private async insert(
    tx: EntityManager,
    eventId: string,
    rows: GoodRow[],
    actor: AuthUser,
  ): Promise<{ invitation: InvitationEntity; code: string }[]> {
    const codes = rows.map(() => newSecretToken());
    const codeOf = new Map(codes.map((c) => [hashSecretToken(c), c]));
    const inserted: InvitationEntity[] = await tx.query(
      `INSERT INTO invitations
         (code_hash, role, delegation_id, email, name, language, focal_point, event_id, expires_at, created_by_id)
       SELECT c, r, d, e, n, l, f, $8, $9, $10
       FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::boolean[])
         AS t(c, r, d, e, n, l, f)
       RETURNING id, code_hash AS "codeHash", role, delegation_id AS "delegationId", email, name, language,
         focal_point AS "focalPoint", event_id AS "eventId", expires_at AS "expiresAt"`,
      [
        codes.map(hashSecretToken),
        rows.map((g) => g.row.role),
        rows.map((g) => g.delegationId),
        rows.map((g) => g.row.email),
        rows.map((g) => g.row.name),
        rows.map((g) => g.row.language ?? null),
        rows.map((g) => g.row.role === 'delegate' && YES.includes(g.row.focalPoint ?? '')),
        eventId,
        expiryIn(),
        actor.id,
      ],
    );
    return inserted.map((invitation) => ({ invitation, code: codeOf.get(invitation.codeHash)! }));
  }

  /** Each invitation's mail, queued in the import's transaction; `sent_at` set when mail is on. */
  private async send(tx: EntityManager, created: { invitation: InvitationEntity; code: string }[]) {
    for (const { invitation, code } of created) await this.mail.queueInvitation(invitation, code, tx);
    if (!this.mail.isOn) return;
    await tx.query(`UPDATE invitations SET sent_at = now() WHERE id = ANY($1::uuid[])`, [
      created.map((c) => c.invitation.id),
    ]);
  }
}
