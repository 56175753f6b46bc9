import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

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
  const content: RecordEntryContent = {
    panelId: entry.panelId,
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor ? { id: entry.actor.id, name: entry.actor.name, role: entry.actor.role } : null,
    action: entry.action,
    interventionId: entry.interventionId,
    questionId: entry.questionId,
    detail: entry.detail,
    prevHash: entry.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
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
