import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FloorLogEntryView, Role } from '@rostrum/contracts';
import { notFound } from '../common/app-error';
import { ListQueryDto, Page, pageOf } from '../common/list-query';
import { round1 } from './floor-clock';

export interface SpeakingStatsRow {
  delegationId: string;
  name: string;
  interventions: number;
  spokenSeconds: number;
}

/** The floor's record, for staff and the panel's moderators. */
@Injectable()
export class FloorReportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The panel's floor log in order (append-only: `seq` only grows). */
  async floorLog(panelId: string, { limit, offset }: ListQueryDto): Promise<Page<FloorLogEntryView>> {
    await this.requirePanel(panelId);
    const rows: {
      seq: number;
      at: Date;
      actorId: string | null;
      actorName: string | null;
      actorRole: Role | null;
      action: string;
      interventionId: string | null;
      questionId: string | null;
      detail: Record<string, unknown>;
    }[] = await this.db.query(
      `SELECT l.seq, l.at, l.actor_id AS "actorId", u.name AS "actorName", l.actor_role AS "actorRole",
              l.action, l.intervention_id AS "interventionId", l.question_id AS "questionId", l.detail
       FROM floor_log l LEFT JOIN users u ON u.id = l.actor_id
       WHERE l.panel_id = $1 ORDER BY l.seq LIMIT $2 OFFSET $3`,
      [panelId, limit, offset],
    );
    const [{ total }]: { total: number }[] = await this.db.query(
      'SELECT count(*)::int AS total FROM floor_log WHERE panel_id = $1',
      [panelId],
    );
    const items = rows.map((r) => ({
      seq: r.seq,
      panelId,
      at: r.at.toISOString(),
      actor:
        r.actorId && r.actorRole
          ? { id: r.actorId, name: r.actorName ?? '(deleted user)', role: r.actorRole }
          : null,
      action: r.action,
      ...(r.interventionId ? { interventionId: r.interventionId } : {}),
      ...(r.questionId ? { questionId: r.questionId } : {}),
      detail: r.detail,
    }));
    return { items, total };
  }

  /** Per delegation that took the floor: finished speeches and the time they spoke. */
  async speakingStats(panelId: string, page: ListQueryDto): Promise<Page<SpeakingStatsRow>> {
    await this.requirePanel(panelId);
    const rows: SpeakingStatsRow[] = await this.db.query(
      `SELECT d.id AS "delegationId", d.name, count(*)::int AS interventions,
              COALESCE(sum(i.spoken_seconds), 0)::float AS "spokenSeconds"
       FROM interventions i JOIN delegations d ON d.id = i.delegation_id
       WHERE i.panel_id = $1 AND i.status = 'done' AND i.started_at IS NOT NULL
       GROUP BY d.id, d.name ORDER BY d.name`,
      [panelId],
    );
    return pageOf(
      rows.map((r) => ({ ...r, spokenSeconds: round1(r.spokenSeconds) })),
      page,
    );
  }

  private async requirePanel(panelId: string): Promise<void> {
    const found: unknown[] = await this.db.query('SELECT 1 FROM panels WHERE id = $1', [panelId]);
    if (found.length === 0) throw notFound('Panel');
  }
}
