import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@rostrum/contracts';
import { FloorLogEntity, PanelEntity } from '@rostrum/database';
import { notFound } from '../common/app-error';

export interface LogEntryInput {
  actor: { id: string; role: Role } | null;
  action: string;
  interventionId?: string | null;
  questionId?: string | null;
  version?: number | null;
  detail?: Record<string, unknown>;
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

/** Appends rows to the floor log in one statement, in order (a batch of commands), inside the caller's transaction. */
export async function appendFloorLogs(
  tx: EntityManager,
  panelId: string,
  entries: LogEntryInput[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO floor_log (panel_id, actor_id, actor_role, action, intervention_id, question_id, version, detail)
     SELECT $1, t.actor_id, t.actor_role, t.action, t.intervention_id, t.question_id, t.version, t.detail
     FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::uuid[], $6::uuid[], $7::int[], $8::jsonb[])
       WITH ORDINALITY AS t(actor_id, actor_role, action, intervention_id, question_id, version, detail, n)
     ORDER BY t.n`,
    [
      panelId,
      entries.map((e) => e.actor?.id ?? null),
      entries.map((e) => e.actor?.role ?? null),
      entries.map((e) => e.action),
      entries.map((e) => e.interventionId ?? null),
      entries.map((e) => e.questionId ?? null),
      entries.map((e) => e.version ?? null),
      entries.map((e) => JSON.stringify(e.detail ?? {})),
    ],
  );
}

/** Appends to the floor log inside the caller's transaction: the log and the rows never disagree. */
export async function appendFloorLog(
  tx: EntityManager,
  panelId: string,
  entry: LogEntryInput,
): Promise<FloorLogEntity> {
  const repo = tx.getRepository(FloorLogEntity);
  return repo.save(
    repo.create({
      panelId,
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      interventionId: entry.interventionId ?? null,
      questionId: entry.questionId ?? null,
      version: entry.version ?? null,
      detail: entry.detail ?? {},
    }),
  );
}
