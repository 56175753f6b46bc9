import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PanelSnapshot } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import { notFound } from '../common/app-error';
import { finishedSpeeches, openInterventions } from './floor-queries';
import { speechLengthFactor } from './floor-rules';
import { buildSnapshot, PanelFloorState } from './floor-snapshot';

/** Reads a panel's floor snapshot: inside a change's transaction, or on its own as a consistent read. */
@Injectable()
export class FloorSnapshotsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The snapshot as `em` sees it (inside a change: exactly the version that change made). */
  async read(em: EntityManager, panel: PanelFloorState, now = new Date()): Promise<PanelSnapshot> {
    const open = await openInterventions(em, panel.id);
    const finished = await finishedSpeeches(em, panel.id);
    return buildSnapshot(panel, open, speechLengthFactor(finished), now);
  }

  /** The latest committed snapshot; the panel row and its interventions read from one database snapshot. */
  current(panelId: string): Promise<PanelSnapshot> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const panel = await tx.getRepository(PanelEntity).findOneBy({ id: panelId });
      if (!panel) throw notFound('Panel');
      return this.read(tx, panel);
    });
  }
}
