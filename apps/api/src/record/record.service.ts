import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PanelRecordView } from '@rostrum/contracts';
import { RECORD_COLUMNS, RecordRow, toRecordEntry } from '@rostrum/record';
import { GENESIS_HASH, signHead } from '@rostrum/record';
import { notFound } from '../common/app-error';
import { RecordSigningKeyService } from './record-signing-key.service';

/** A panel's record of proceedings, signed at the moment it is read. */
@Injectable()
export class RecordService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: RecordSigningKeyService,
  ) {}

  async signedRecord(panelId: string): Promise<PanelRecordView> {
    const key = await this.keys.current();
    const rows: RecordRow[] = await this.db.query(
      `SELECT ${RECORD_COLUMNS} FROM floor_log WHERE panel_id = $1 ORDER BY seq`,
      [panelId],
    );
    const entries = rows.map((r) => toRecordEntry(panelId, r));
    const last = entries.at(-1);
    const head = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
    const signedAt = new Date().toISOString();
    return {
      panelId,
      entries,
      head,
      signedAt,
      signature: signHead(key.privateKey, panelId, head, signedAt),
      keyId: key.keyId,
    };
  }

  /** Staff and moderators: any panel that exists. */
  async forStaff(panelId: string): Promise<PanelRecordView> {
    const found: unknown[] = await this.db.query('SELECT 1 FROM panels WHERE id = $1', [panelId]);
    if (found.length === 0) throw notFound('Panel');
    return this.signedRecord(panelId);
  }

  /** The public: only an ended panel with a published, ready recording; any other is 404, as if absent. */
  async forPublic(panelId: string): Promise<PanelRecordView> {
    const found: unknown[] = await this.db.query(
      `SELECT 1 FROM panels p WHERE p.id = $1 AND p.status = 'ended'
         AND EXISTS (SELECT 1 FROM recordings r WHERE r.panel_id = p.id AND r.published AND r.status = 'ready')`,
      [panelId],
    );
    if (found.length === 0) throw notFound('Panel');
    return this.signedRecord(panelId);
  }
}
