import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './record-entry';

export interface RecordHead {
  seq: number;
  hash: string;
}

/** What the record's signature covers: the canonical JSON of `{panelId, head, signedAt}`. */
export function signedPayload(panelId: string, head: RecordHead, signedAt: string): Buffer {
  return Buffer.from(canonicalJson({ panelId, head: { seq: head.seq, hash: head.hash }, signedAt }), 'utf8');
}

/** A public key's id: the first 16 hex digits of the SHA-256 of its SPKI DER encoding. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Ed25519 signature (base64) of the signed payload. */
export function signHead(privateKey: KeyObject, panelId: string, head: RecordHead, signedAt: string): string {
  return sign(null, signedPayload(panelId, head, signedAt), privateKey).toString('base64');
}

export function verifyHeadSignature(
  publicKey: KeyObject,
  panelId: string,
  head: RecordHead,
  signedAt: string,
  signature: string,
): boolean {
  try {
    return verify(null, signedPayload(panelId, head, signedAt), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
