import { canonicalize } from 'json-canonicalize';
import { hash } from 'node:crypto';
// Types only: the offline verifier (`record:verify`) loads this file without a database.
import type { EntityManager } from 'typeorm';

/**
 * RFC 8785 (JCS) canonical JSON: keys sorted by UTF-16 code unit at every level, no whitespace, numbers in
 * their shortest ECMAScript form. Hashes and signatures of the record are taken over these bytes (UTF-8).
 */
export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

/** The `prevHash` of a panel's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface RecordActor {
  id: string;
  /** Name and role as they were when the entry was written (a snapshot, not a lookup). */
  name: string;
  role: string;
}

/** The fields an entry's hash covers, with exactly the values the entry carries in answers. */
export interface RecordEntryContent {
  panelId: string;
  /** 1, 2, 3 … per panel, without gaps. */
  seq: number;
  /** ISO 8601 UTC, milliseconds. */
  at: string;
  actor: RecordActor | null;
  action: string;
  interventionId: string | null;
  questionId: string | null;
  detail: Record<string, unknown> | null;
  prevHash: string;
}

/** One entry of the record of proceedings (a FloorLogEntry with its place in the chain). */
export interface RecordEntry extends RecordEntryContent {
  hash: string;
}

/** Lowercase hex SHA-256 of the canonical JSON of the entry's content; other fields it carries are ignored. */
export function hashRecordEntry(entry: RecordEntryContent): string {
  return hash('sha256', canonicalEntryJson(entry), 'hex');
}

const str = (v: string) => JSON.stringify(v);
const nullable = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));

/**
 * The canonical JSON (RFC 8785) of an entry's content: equal to `canonicalJson` of the nine fields (tested),
 * but the fixed keys are written in their sorted order directly and only the free-form `detail` goes through
 * the library — a third of the cost, which keeps `record:verify` of 100,000 entries well under 2 s.
 */
export function canonicalEntryJson(e: RecordEntryContent): string {
  const actor = e.actor
    ? `{"id":${str(e.actor.id)},"name":${str(e.actor.name)},"role":${str(e.actor.role)}}`
    : 'null';
  return (
    `{"action":${str(e.action)},"actor":${actor},"at":${str(e.at)},"detail":${canonicalJson(e.detail)},` +
    `"interventionId":${nullable(e.interventionId)},"panelId":${str(e.panelId)},"prevHash":${str(e.prevHash)},` +
    `"questionId":${nullable(e.questionId)},"seq":${JSON.stringify(e.seq)}}`
  );
}

/**
 * Chains entries after `head` (the panel's last entry, or none): each gets the next `seq`, the previous hash
 * and its own hash. The caller holds the panel's lock, so nobody else appends meanwhile.
 */
export function chainEntries(
  head: { seq: number; hash: string } | null,
  entries: Omit<RecordEntryContent, 'seq' | 'prevHash'>[],
): RecordEntry[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return entries.map((e) => {
    const content = { ...e, seq: ++seq, prevHash };
    prevHash = hashRecordEntry(content);
    return { ...content, hash: prevHash };
  });
}

// ---- Stored: the floor_log rows ----

/** One entry to append to a panel's record. */
export interface RecordEntryInput {
  actor: { id: string; role: string } | null;
  action: string;
  interventionId?: string | null;
  questionId?: string | null;
  /** The panel version this action produced; null when it changes nothing a snapshot shows. */
  version?: number | null;
  detail?: Record<string, unknown>;
  /** When it happened; now when omitted (fixtures set it to build a past record). */
  at?: Date;
}

/** A stored row as read with `RECORD_COLUMNS`. */
export interface RecordRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  interventionId: string | null;
  questionId: string | null;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** The columns of `floor_log` (alias-free) that `toRecordEntry` reads. */
export const RECORD_COLUMNS = `seq, at, actor_id AS "actorId", actor_name AS "actorName", actor_role AS "actorRole",
  action, intervention_id AS "interventionId", question_id AS "questionId", detail,
  prev_hash AS "prevHash", hash`;

/** A stored row as the entry answers carry (and hashes cover). */
export function toRecordEntry(panelId: string, r: RecordRow): RecordEntry {
  return {
    seq: r.seq,
    panelId,
    at: r.at.toISOString(),
    actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '', role: r.actorRole ?? '' } : null,
    action: r.action,
    interventionId: r.interventionId,
    questionId: r.questionId,
    detail: r.detail,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/**
 * The one way rows reach the floor log: appends `entries` in order, in one statement, inside the caller's
 * transaction, which must hold the panel's row lock (`SELECT … FOR UPDATE`): that lock orders appends, so
 * each entry takes the next `seq` and chains to the hash before it. The actors' names are snapshotted.
 */
export async function appendRecordEntries(
  tx: EntityManager,
  panelId: string,
  entries: RecordEntryInput[],
): Promise<RecordEntry[]> {
  if (entries.length === 0) return [];
  const actorIds = [...new Set(entries.flatMap((e) => (e.actor ? [e.actor.id] : [])))];
  const [{ head, names }]: {
    head: { seq: number; hash: string } | null;
    names: Record<string, string> | null;
  }[] = await tx.query(
    `SELECT (SELECT json_build_object('seq', seq, 'hash', hash) FROM floor_log
              WHERE panel_id = $1 ORDER BY seq DESC LIMIT 1) AS head,
            (SELECT json_object_agg(id, name) FROM users WHERE id = ANY($2::uuid[])) AS names`,
    [panelId, actorIds],
  );
  const now = new Date();
  const chained = chainEntries(
    head,
    entries.map((e) => ({
      panelId,
      at: (e.at ?? now).toISOString(),
      actor: e.actor ? { id: e.actor.id, name: names?.[e.actor.id] ?? '', role: e.actor.role } : null,
      action: e.action,
      interventionId: e.interventionId ?? null,
      questionId: e.questionId ?? null,
      // What jsonb will give back: the hash must cover the stored value, not the caller's object.
      detail: JSON.parse(JSON.stringify(e.detail ?? {})) as Record<string, unknown>,
    })),
  );
  await tx.query(
    `INSERT INTO floor_log (panel_id, seq, at, actor_id, actor_name, actor_role, action, intervention_id,
                            question_id, version, detail, prev_hash, hash)
     SELECT $1, t.* FROM unnest($2::int[], $3::timestamptz[], $4::uuid[], $5::varchar[], $6::varchar[],
                                 $7::varchar[], $8::uuid[], $9::uuid[], $10::int[], $11::jsonb[], $12::char(64)[],
                                 $13::char(64)[]) AS t`,
    [
      panelId,
      chained.map((e) => e.seq),
      chained.map((e) => e.at),
      chained.map((e) => e.actor?.id ?? null),
      chained.map((e) => e.actor?.name ?? null),
      chained.map((e) => e.actor?.role ?? null),
      chained.map((e) => e.action),
      chained.map((e) => e.interventionId),
      chained.map((e) => e.questionId),
      entries.map((e) => e.version ?? null),
      chained.map((e) => JSON.stringify(e.detail)),
      chained.map((e) => e.prevHash),
      chained.map((e) => e.hash),
    ],
  );
  return chained;
}
