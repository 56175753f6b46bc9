import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FloorLogEntryView, InterventionView } from '@rostrum/contracts';
import { RECORD_COLUMNS, RecordRow, toRecordEntry } from '@rostrum/record';
import { notFound } from '../common/app-error';
import { ListQueryDto, Page, pageOf } from '../common/list-query';
import { downloadName } from '../common/file-names';
import { speakingByDelegation } from '../reports/report-queries';
import { floorLogCsv } from './floor-log-csv';
import { toInterventionView } from './panel-state';
import { panelSpeeches } from './floor-store';

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

  /** The panel's speeches so far (speaking or done), oldest first, without the notes to moderators. */
  async speeches(panelId: string, { limit, offset }: ListQueryDto): Promise<Page<InterventionView>> {
    await this.requirePanel(panelId);
    const rows = await panelSpeeches(this.db.manager, panelId, limit, offset);
    const [{ total }]: { total: number }[] = await this.db.query(
      `SELECT count(*)::int AS total FROM interventions WHERE panel_id = $1 AND status IN ('speaking', 'done')
         AND started_at IS NOT NULL`,
      [panelId],
    );
    return { items: rows.map((r) => ({ ...toInterventionView(r), note: null })), total };
  }

  /** Per delegation that took the floor: finished speeches and the time they spoke (the report's rows). */
  async speakingStats(panelId: string, page: ListQueryDto): Promise<Page<SpeakingStatsRow>> {
    await this.requirePanel(panelId);
    const rows = (await speakingByDelegation(this.db.manager, [panelId]))
      .filter((r): r is typeof r & { delegationId: string; name: string } => r.delegationId !== null)
      .map(({ delegationId, name, interventions, spokenSeconds }) => ({
        delegationId,
        name,
        interventions,
        spokenSeconds,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return pageOf(rows, page);
  }

  /** The whole floor log as CSV, for the report's downloads. */
  async floorLogCsv(panelId: string): Promise<{ filename: string; body: string }> {
    const [panel]: { title: string }[] = await this.db.query('SELECT title FROM panels WHERE id = $1', [
      panelId,
    ]);
    if (!panel) throw notFound('Panel');
    const rows: RecordRow[] = await this.db.query(
      `SELECT ${RECORD_COLUMNS} FROM floor_log WHERE panel_id = $1 ORDER BY seq`,
      [panelId],
    );
    return {
      filename: downloadName('floor-log', panel.title, 'csv'),
      body: floorLogCsv(rows.map((r) => toRecordEntry(panelId, r))),
    };
  }

  private async requirePanel(panelId: string): Promise<void> {
    const found: unknown[] = await this.db.query('SELECT 1 FROM panels WHERE id = $1', [panelId]);
    if (found.length === 0) throw notFound('Panel');
  }
}
