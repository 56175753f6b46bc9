import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FloorLogEntryView } from '@rostrum/contracts';
import { RECORD_COLUMNS, RecordRow, toRecordEntry } from '@rostrum/database';
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

  /** The panel's floor log in order: the record of proceedings' entries (`seq` 1…n, hash-chained), one page. */
  async floorLog(panelId: string, { limit, offset }: ListQueryDto): Promise<Page<FloorLogEntryView>> {
    await this.requirePanel(panelId);
    const rows: RecordRow[] = await this.db.query(
      `SELECT ${RECORD_COLUMNS} FROM floor_log WHERE panel_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`,
      [panelId, limit, offset],
    );
    const [{ total }]: { total: number }[] = await this.db.query(
      'SELECT count(*)::int AS total FROM floor_log WHERE panel_id = $1',
      [panelId],
    );
    return { items: rows.map((r) => toRecordEntry(panelId, r)), total };
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
