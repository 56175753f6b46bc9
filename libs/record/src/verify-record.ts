import { createPublicKey, KeyObject } from 'node:crypto';
import { GENESIS_HASH, hashRecordEntry, RecordEntry } from './record-entry';
import { keyIdOf, RecordHead, verifyHeadSignature } from './record-signature';

/** A panel's record as `GET /api/panels/:id/record` answers it. */
export interface SignedRecord {
  panelId: string;
  entries: RecordEntry[];
  head: RecordHead;
  signedAt: string;
  signature: string;
  keyId: string;
}

export type RecordCheck =
  { ok: true; entries: number; head: RecordHead; signatureChecked: boolean } | { ok: false; error: string };

const HEX64 = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Verifies a downloaded record offline: its shape, every entry's hash and link to the one before, `seq`
 * 1…n without gaps or reordering, the head against the last entry, and — with the signer's public key — the
 * signature over the head. The first failure is returned in one line naming the entry.
 */
export function verifyRecord(record: unknown, publicKey?: KeyObject | string): RecordCheck {
  const shape = shapeError(record);
  if (shape) return { ok: false, error: `not a record: ${shape}` };
  const { panelId, entries, head, signedAt, signature, keyId } = record as SignedRecord;

  const broken = chainError(panelId, entries);
  if (broken) return { ok: false, error: broken };
  const last = entries.at(-1);
  const expectedHead = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  if (head.seq !== expectedHead.seq || head.hash !== expectedHead.hash) {
    return {
      ok: false,
      error: `the head (seq ${head.seq}) does not match the last entry (seq ${expectedHead.seq}): the record is truncated or altered`,
    };
  }
  if (publicKey === undefined) return { ok: true, entries: entries.length, head, signatureChecked: false };

  let key: KeyObject;
  try {
    key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  } catch {
    return { ok: false, error: 'the public key is not a PEM public key' };
  }
  if (key.asymmetricKeyType !== 'ed25519')
    return { ok: false, error: 'the public key is not an Ed25519 key' };
  if (keyIdOf(key) !== keyId) {
    return {
      ok: false,
      error: `the record is signed with key ${keyId}, not with the given key ${keyIdOf(key)}`,
    };
  }
  if (!verifyHeadSignature(key, panelId, head, signedAt, signature)) {
    return { ok: false, error: `the signature does not verify with key ${keyId}` };
  }
  return { ok: true, entries: entries.length, head, signatureChecked: true };
}

/**
 * The first break in a panel's chain of entries, in one line naming the entry (null: none): each entry's
 * shape, `seq` 1…n in order, its panel, its link to the previous hash and its own hash.
 */
export function chainError(panelId: string, entries: unknown[]): string | null {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as RecordEntry;
    const name = `entry ${i + 1} (seq ${String(e?.seq)}, ${String(e?.action)})`;
    const bad = entryShapeError(e);
    if (bad) return `${name}: ${bad}`;
    if (e.seq !== i + 1) {
      return `${name}: out of order or missing entries (expected seq ${i + 1})`;
    }
    if (e.panelId !== panelId) return `${name}: belongs to panel ${e.panelId}`;
    if (e.prevHash !== prevHash) {
      return `${name}: prevHash does not match the previous entry's hash`;
    }
    if (hashRecordEntry(e) !== e.hash) {
      return `${name}: its hash does not match its content (changed after it was written)`;
    }
    prevHash = e.hash;
  }
  return null;
}

function shapeError(record: unknown): string | null {
  if (!isObject(record)) return 'expected a JSON object';
  for (const field of ['panelId', 'signedAt', 'signature', 'keyId'] as const) {
    if (typeof record[field] !== 'string') return `"${field}" is missing or not a string`;
  }
  if (!Array.isArray(record.entries)) return '"entries" is missing or not an array';
  const head = record.head;
  if (
    !isObject(head) ||
    !Number.isInteger(head.seq) ||
    typeof head.hash !== 'string' ||
    !HEX64.test(head.hash)
  ) {
    return '"head" must be {seq, hash}';
  }
  return null;
}

function entryShapeError(e: unknown): string | null {
  if (!isObject(e)) return 'not an object';
  if (!Number.isInteger(e.seq)) return '"seq" is not a whole number';
  for (const field of ['panelId', 'at', 'action', 'prevHash', 'hash'] as const) {
    if (typeof e[field] !== 'string') return `"${field}" is missing or not a string`;
  }
  for (const field of ['interventionId', 'questionId'] as const) {
    if (e[field] !== null && typeof e[field] !== 'string') return `"${field}" must be a string or null`;
  }
  if (e.detail !== null && !isObject(e.detail)) return '"detail" must be an object or null';
  const actor = e.actor;
  if (
    actor !== null &&
    !(isObject(actor) && ['id', 'name', 'role'].every((k) => typeof actor[k] === 'string'))
  ) {
    return '"actor" must be {id, name, role} or null';
  }
  return null;
}
