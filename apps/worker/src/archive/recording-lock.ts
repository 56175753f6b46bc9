import { DataSource } from 'typeorm';

/** Any fixed number: the advisory-lock namespace of "archiving recording X". */
export const LOCK_NAMESPACE = 7_300_412;

/**
 * Takes a PostgreSQL session lock on one recording, so two jobs for it (a webhook's and a reprocess, or a
 * stalled job handed back while its first worker still runs) never write its files at once. The lock lives
 * on one pooled connection for the whole run; if the worker dies, PostgreSQL drops it with the connection.
 * Resolves to a release function, or null when another worker holds the lock.
 */
export async function tryLockRecording(
  db: DataSource,
  recordingId: string,
  namespace = LOCK_NAMESPACE,
): Promise<(() => Promise<void>) | null> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
      namespace,
      recordingId,
    ])) as { locked: boolean }[];
    if (!locked) {
      await runner.release();
      return null;
    }
  } catch (err) {
    await runner.release();
    throw err;
  }
  return async () => {
    try {
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [namespace, recordingId]);
    } finally {
      await runner.release();
    }
  };
}
