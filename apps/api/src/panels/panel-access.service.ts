import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUUID } from 'class-validator';

/** Who moderates or sits on which panel: used by the REST guard and the socket commands alike. */
@Injectable()
export class PanelAccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async isModerator(panelId: string, userId: string): Promise<boolean> {
    if (!isUUID(panelId)) return false;
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM panel_moderators WHERE panel_id = $1 AND user_id = $2',
      [panelId, userId],
    );
    return rows.length > 0;
  }

  async isPanelist(panelId: string, userId: string): Promise<boolean> {
    if (!isUUID(panelId)) return false;
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM panel_panelists WHERE panel_id = $1 AND user_id = $2',
      [panelId, userId],
    );
    return rows.length > 0;
  }

  /** Accredited (and not revoked) to the event the panel belongs to. */
  async isAccredited(panelId: string, userId: string): Promise<boolean> {
    if (!isUUID(panelId)) return false;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM panels p JOIN participants a ON a.event_id = p.event_id
       WHERE p.id = $1 AND a.user_id = $2 AND a.status = 'accredited'`,
      [panelId, userId],
    );
    return rows.length > 0;
  }
}
