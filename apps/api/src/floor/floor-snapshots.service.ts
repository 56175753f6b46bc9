import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PanelSnapshot } from '@rostrum/contracts';
import { PanelEntity } from '@rostrum/database';
import { notFound } from '../common/app-error';
import { finishedSpeeches, openInterventions } from './floor-queries';
import { speechLengthFactor } from './floor-rules';
import { buildSnapshot, PanelFloorState } from './floor-snapshot';

interface Read {
  startedAt: number;
  snapshot: Promise<PanelSnapshot>;
}

/** Reads a panel's floor snapshot: inside a change's transaction, or on its own as a consistent read. */
@Injectable()
export class FloorSnapshotsService {
  /** The read in flight per panel, shared by every caller it is fresh enough for. */
  private readonly reads = new Map<string, Read>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The snapshot as `em` sees it (inside a change: exactly the version that change made). */
  async read(em: EntityManager, panel: PanelFloorState, now = new Date()): Promise<PanelSnapshot> {
    const open = await openInterventions(em, panel.id);
    const finished = await finishedSpeeches(em, panel.id);
    return buildSnapshot(panel, open, speechLengthFactor(finished), now);
  }

  /**
   * The latest committed snapshot, read after `since` (a `performance.now()` time; default: now). Callers
   * wanting it at the same moment share one read — a storm of re-joins costs a read per round, not per
   * client — but never one that started before they needed it.
   */
  current(panelId: string, since = performance.now()): Promise<PanelSnapshot> {
    const inFlight = this.reads.get(panelId);
    if (inFlight && inFlight.startedAt >= since) return inFlight.snapshot;
    const read: Read = { startedAt: performance.now(), snapshot: this.readCommitted(panelId) };
    this.reads.set(panelId, read);
    const forget = () => {
      if (this.reads.get(panelId) === read) this.reads.delete(panelId);
    };
    read.snapshot.then(forget, forget);
    return read.snapshot;
  }

  /** The panel row and its interventions from one database snapshot. */
  private readCommitted(panelId: string): Promise<PanelSnapshot> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const panel = await tx.getRepository(PanelEntity).findOneBy({ id: panelId });
      if (!panel) throw notFound('Panel');
      return this.read(tx, panel);
    });
  }
}
