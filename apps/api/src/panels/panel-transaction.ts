import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@rostrum/contracts';
import { appendRecordEntries, PanelEntity, RecordEntryInput } from '@rostrum/database';
import { notFound } from '../common/app-error';

export interface LogEntryInput extends RecordEntryInput {
  actor: { id: string; role: Role } | null;
}

/**
 * Runs `work` in one transaction holding the panel row's lock (SELECT … FOR UPDATE), so every change to a
 * panel's floor, queue or Q&A is serialised across all API instances. The panel is re-read under the lock.
 */
export async function withPanelLock<T>(
  db: DataSource,
  panelId: string,
  work: (tx: EntityManager, panel: PanelEntity) => Promise<T>,
): Promise<T> {
  return db.transaction('READ COMMITTED', async (tx) => {
    const panel = await tx
      .getRepository(PanelEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :panelId', { panelId })
      .getOne();
    if (!panel) throw notFound('Panel');
    return work(tx, panel);
  });
}

/** Bumps the panel's version by one (the caller holds the lock) and returns the new version. */
export async function bumpVersion(tx: EntityManager, panel: PanelEntity): Promise<number> {
  panel.version += 1;
  await tx.getRepository(PanelEntity).update(panel.id, { version: panel.version });
  return panel.version;
}

/** Appends entries to the panel's record, in one statement, inside the caller's transaction (under its lock). */
export async function appendFloorLogs(
  tx: EntityManager,
  panelId: string,
  entries: LogEntryInput[],
): Promise<void> {
  await appendRecordEntries(tx, panelId, entries);
}

/** Appends to the floor log inside the caller's transaction: the log and the rows never disagree. */
export async function appendFloorLog(
  tx: EntityManager,
  panelId: string,
  entry: LogEntryInput,
): Promise<void> {
  await appendRecordEntries(tx, panelId, [entry]);
}
