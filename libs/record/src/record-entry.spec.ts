import { createHash } from 'node:crypto';
import {
  canonicalEntryJson,
  canonicalJson,
  chainEntries,
  GENESIS_HASH,
  hashRecordEntry,
  RecordEntryContent,
} from './record-entry';

const base: RecordEntryContent = {
  panelId: '8c1f7d5e-2b9a-4c3e-9f1a-0d2e3f4a5b6c',
  seq: 1,
  at: '2026-11-04T09:00:00.123Z',
  actor: { id: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', name: 'Ana Pereira', role: 'delegate' },
  action: 'floor:request',
  interventionId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  questionId: null,
  detail: { before: null, after: { status: 'queued', kind: 'statement', position: 1 } },
  prevHash: GENESIS_HASH,
};

describe('record entry hashing', () => {
  it.each<[string, Partial<RecordEntryContent>]>([
    ['a delegate’s request', {}],
    [
      'no actor, no intervention, a question',
      { actor: null, interventionId: null, questionId: base.panelId },
    ],
    ['null detail', { detail: null }],
    [
      'names and notes in three scripts, quotes, escapes and line breaks',
      {
        actor: { id: base.actor!.id, name: 'Zhāng Wěi 张伟 — «Délégué» "\\\\"\n\t\u2028', role: 'moderator' },
        detail: {
          note: 'Sur le point 3 — 第三点 \u0007 😀',
          z: [3, { b: 1.5, a: -0 }],
          a: { y: 1e21, x: 1e-7 },
        },
      },
    ],
    ['a large seq', { seq: 2 ** 40 }],
  ])('should give the canonical JSON of the nine fields for %s', (_, change) => {
    const entry = { ...base, ...change };
    expect(canonicalEntryJson(entry)).toBe(canonicalJson(entry));
    expect(hashRecordEntry(entry)).toBe(
      createHash('sha256').update(canonicalJson(entry), 'utf8').digest('hex'),
    );
  });

  it('should sort keys at every level and leave no whitespace', () => {
    expect(canonicalJson({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: 'x y' })).toBe(
      '{"a":"x y","b":{"c":[{"e":2,"f":1}],"d":1}}',
    );
  });

  it('should ignore fields outside the nine (hash, version) and chain each entry to the one before', () => {
    const [first, second] = chainEntries({ seq: 4, hash: 'a'.repeat(64) }, [base, { ...base, action: 'x' }]);
    expect(first).toMatchObject({ seq: 5, prevHash: 'a'.repeat(64) });
    expect(second).toMatchObject({ seq: 6, prevHash: first.hash });
    expect(hashRecordEntry({ ...second, version: 3, hash: 'b' } as RecordEntryContent)).toBe(second.hash);
  });
});
