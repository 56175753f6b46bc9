import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FloorLogEntryView, PanelRecordView, RecordKeyView } from '@rostrum/contracts';
import { RecordingEntity } from '@rostrum/database';
import { chainEntries } from '@rostrum/record';
import { makeUser, startTestApi, TestApi } from '@rostrum/test-harness';
import { joined, livePanel, liveTestApi } from './support/floor-fixture';

/** The contract's hash, written here independently of libs/record: sorted keys at every level, no spaces. */
const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;

function contractHash(e: FloorLogEntryView): string {
  const { panelId, seq, at, actor, action, interventionId, questionId, detail, prevHash } = e;
  const content = { panelId, seq, at, actor, action, interventionId, questionId, detail, prevHash };
  return createHash('sha256')
    .update(JSON.stringify(sorted(content)), 'utf8')
    .digest('hex');
}

const dir = mkdtempSync(join(tmpdir(), 'rostrum-record-'));
let files = 0;
/** Writes `content` to a file of its own and returns its path. */
const fileWith = (content: string) => {
  const path = join(dir, `file-${++files}`);
  writeFileSync(path, content);
  return path;
};

/** What `npm run record:verify --` runs (package.json). */
const RECORD_VERIFY = ['-r', './scripts/lib/swc-require.cjs', 'scripts/record-verify.ts'];

/** `npm run record:verify -- <file> [--key <pem file>]`, as a user runs it (the script, in its own process). */
function recordVerify(record: unknown, keyPem?: string) {
  const file = typeof record === 'string' ? fileWith(record) : fileWith(JSON.stringify(record, null, 2));
  const args = keyPem === undefined ? [file] : [file, '--key', fileWith(keyPem)];
  const run = spawnSync(process.execPath, [...RECORD_VERIFY, ...args], {
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the record of proceedings (e2e)', () => {
  const t = liveTestApi();
  const as = (user: Parameters<TestApi['tokenFor']>[0]) => ({
    Authorization: `Bearer ${t.api.tokenFor(user)}`,
  });

  /** A live panel where two delegates asked, one spoke and the moderator ended the speech. */
  async function panelWithProceedings() {
    const f = await livePanel(t.api, { delegates: 2 });
    const panelId = f.panel.id;
    const mod = t.track(await joined(t.api, f.moderator, panelId));
    for (const d of f.delegates) {
      const c = t.track(await joined(t.api, d, panelId));
      await c.ok('floor:request', { panelId, kind: 'statement', note: 'Sur le point 3 — 第三点' });
    }
    await mod.ok('floor:next', { panelId });
    await mod.ok('floor:end', { panelId });
    return f;
  }

  const floorLog = async (panelId: string, staff: Parameters<TestApi['tokenFor']>[0]) =>
    (await request(t.api.url).get(`/api/panels/${panelId}/floor-log`).set(as(staff)).expect(200))
      .body as FloorLogEntryView[];

  describe('the hash chain', () => {
    it('should chain every entry to the one before, numbered 1…n per panel, each hash over its content', async () => {
      const f = await panelWithProceedings();
      const other = await panelWithProceedings();
      const staff = await makeUser(t.api.db, 'staff');

      for (const panelId of [f.panel.id, other.panel.id]) {
        const entries = await floorLog(panelId, staff);
        expect(entries.map((e) => e.action)).toEqual([
          'floor:request',
          'floor:request',
          'speech:started',
          'floor:next',
          'speech:ended',
          'floor:end',
        ]);
        expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
        entries.forEach((e, i) => {
          expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : entries[i - 1].hash);
          expect(e.hash).toBe(contractHash(e));
          expect(e).toMatchObject({ panelId, questionId: null });
        });
        expect(entries[0].actor).toEqual({
          id: (panelId === f.panel.id ? f : other).delegates[0].id,
          name: (panelId === f.panel.id ? f : other).delegates[0].name,
          role: 'delegate',
        });
      }
    });
  });

  describe('append-only', () => {
    it('should refuse UPDATE, DELETE and TRUNCATE on the log in the database itself', async () => {
      const f = await panelWithProceedings();
      const panelId = f.panel.id;
      const staff = await makeUser(t.api.db, 'staff');
      const before = await floorLog(panelId, staff);

      await expect(
        t.api.db.query(`UPDATE floor_log SET detail = '{"forged": true}' WHERE panel_id = $1 AND seq = 2`, [
          panelId,
        ]),
      ).rejects.toThrow(/append-only: UPDATE on floor_log refused/);
      await expect(
        t.api.db.query('DELETE FROM floor_log WHERE panel_id = $1 AND seq = 6', [panelId]),
      ).rejects.toThrow(/append-only: DELETE on floor_log refused/);
      await expect(t.api.db.query('TRUNCATE floor_log')).rejects.toThrow(/append-only: TRUNCATE/);

      expect(await floorLog(panelId, staff)).toEqual(before);
    });

    it('should keep every entry as written when a user who acted is deleted', async () => {
      const f = await panelWithProceedings();
      const panelId = f.panel.id;
      const staff = await makeUser(t.api.db, 'staff');
      const before = await floorLog(panelId, staff);

      await t.api.db.query('DELETE FROM users WHERE id = $1', [f.delegates[0].id]);

      const after = await floorLog(panelId, staff);
      expect(after).toEqual(before);
      expect(after[0].actor).toEqual({ id: f.delegates[0].id, name: f.delegates[0].name, role: 'delegate' });
    });

    it('should refuse to delete a panel, or its event, that has a record', async () => {
      const f = await panelWithProceedings();
      const staff = await makeUser(t.api.db, 'staff');
      const before = await floorLog(f.panel.id, staff);

      await expect(t.api.db.query('DELETE FROM panels WHERE id = $1', [f.panel.id])).rejects.toThrow(
        /violates foreign key constraint "FK_2ad73348c3e4dc274df338fd1b1"/,
      );
      await expect(t.api.db.query('DELETE FROM events WHERE id = $1', [f.panel.eventId])).rejects.toThrow(
        /violates foreign key constraint "FK_2ad73348c3e4dc274df338fd1b1"/,
      );
      expect(await floorLog(f.panel.id, staff)).toEqual(before);
    });
  });

  describe('GET /api/panels/:id/record', () => {
    const download = async (panelId: string, user: Parameters<TestApi['tokenFor']>[0]) =>
      (await request(t.api.url).get(`/api/panels/${panelId}/record`).set(as(user)).expect(200))
        .body as PanelRecordView;
    const publicKey = async () => {
      const keys = (await request(t.api.url).get('/api/record/keys').expect(200)).body as RecordKeyView[];
      expect(keys).toHaveLength(1);
      return keys[0];
    };

    it('should answer the entries and a signature over the head that the published key verifies', async () => {
      const f = await panelWithProceedings();
      const panelId = f.panel.id;
      const staff = await makeUser(t.api.db, 'staff');
      const record = await download(panelId, f.moderator);
      const key = await publicKey();

      expect(record.entries).toEqual(await floorLog(panelId, staff));
      expect(record).toMatchObject({
        panelId,
        head: { seq: 6, hash: record.entries[5].hash },
        keyId: key.keyId,
      });
      expect(Date.now() - Date.parse(record.signedAt)).toBeLessThan(60_000);
      const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
      expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
      // Checked here with node:crypto alone: the canonical JSON of {panelId, head, signedAt}.
      const signed = JSON.stringify(sorted({ panelId, head: record.head, signedAt: record.signedAt }));
      expect(
        verify(
          null,
          Buffer.from(signed),
          createPublicKey(key.publicKeyPem),
          Buffer.from(record.signature, 'base64'),
        ),
      ).toBe(true);

      const ok = recordVerify(record, key.publicKeyPem);
      expect(ok).toMatchObject({ status: 0, stdout: `record OK: 6 entries, head ${record.head.hash}\n` });
      const unsigned = recordVerify(record);
      expect(unsigned.status).toBe(0);
      expect(unsigned.stdout).toMatch(/^record OK: 6 entries, head [0-9a-f]{64}\nsignature not checked/);
    });

    it('should let staff, admins and the panel’s moderators read it, and nobody else', async () => {
      const f = await panelWithProceedings();
      const panelId = f.panel.id;
      for (const role of ['staff', 'admin'] as const) await download(panelId, await makeUser(t.api.db, role));
      const refused = await request(t.api.url).get(`/api/panels/${panelId}/record`).set(as(f.delegates[0]));
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const otherModerator = await makeUser(t.api.db, 'moderator');
      await request(t.api.url).get(`/api/panels/${panelId}/record`).set(as(otherModerator)).expect(403);
      await request(t.api.url).get(`/api/panels/${panelId}/record`).expect(401);
      const missing = '00000000-0000-4000-8000-000000000000';
      const staff = await makeUser(t.api.db, 'staff');
      const absent = await request(t.api.url).get(`/api/panels/${missing}/record`).set(as(staff));
      expect(absent.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      await request(t.api.url).get('/api/panels/not-a-uuid/record').set(as(staff)).expect(400);
    });

    it('should sign an empty record with the genesis head', async () => {
      const f = await livePanel(t.api, { delegates: 0 });
      const record = await download(f.panel.id, f.moderator);
      expect(record).toMatchObject({ entries: [], head: { seq: 0, hash: '0'.repeat(64) } });
      expect(recordVerify(record, (await publicKey()).publicKeyPem).stdout).toBe(
        `record OK: 0 entries, head ${'0'.repeat(64)}\n`,
      );
    });

    it('should name the entry changed in the database, on a re-download, even with its trigger disabled', async () => {
      const f = await panelWithProceedings();
      const panelId = f.panel.id;
      const before = await download(panelId, f.moderator);
      expect(recordVerify(before).status).toBe(0);

      // What only a superuser can do: switch the trigger off, rewrite one entry, switch it back on.
      await t.api.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE floor_log DISABLE TRIGGER floor_log_append_only');
        await tx.query(
          `UPDATE floor_log SET detail = jsonb_set(detail, '{allottedSeconds}', '600') WHERE panel_id = $1 AND seq = 3`,
          [panelId],
        );
        await tx.query('ALTER TABLE floor_log ENABLE TRIGGER floor_log_append_only');
      });

      const after = await download(panelId, f.moderator);
      expect(after.entries[2].detail).toMatchObject({ allottedSeconds: 600 });
      const run = recordVerify(after, (await publicKey()).publicKeyPem);
      expect(run).toMatchObject({
        status: 1,
        stdout: '',
        stderr:
          'record FAILED: entry 3 (seq 3, speech:started): its hash does not match its content (changed after it was written)\n',
      });
    });

    it('should refuse a forged signature, a rehashed chain and a record checked with another key', async () => {
      const f = await panelWithProceedings();
      const record = await download(f.panel.id, f.moderator);
      const { publicKeyPem, keyId } = await publicKey();

      const flipped = Buffer.from(record.signature, 'base64');
      flipped[0] ^= 1;
      const forged = recordVerify({ ...record, signature: flipped.toString('base64') }, publicKeyPem);
      expect(forged).toMatchObject({
        status: 1,
        stderr: `record FAILED: the signature does not verify with key ${keyId}\n`,
      });
      const redated = recordVerify({ ...record, signedAt: new Date(0).toISOString() }, publicKeyPem);
      expect(redated.stderr).toBe(`record FAILED: the signature does not verify with key ${keyId}\n`);

      // A forger who rewrites an entry and recomputes every hash after it: the chain holds, the signature not.
      const rewritten = record.entries.map((e, i) => (i === 3 ? { ...e, detail: { forged: true } } : e));
      const rechained = chainEntries(null, rewritten);
      const head = { seq: 6, hash: rechained[5].hash };
      expect(recordVerify({ ...record, entries: rechained, head }, publicKeyPem).stderr).toBe(
        `record FAILED: the signature does not verify with key ${keyId}\n`,
      );

      const other = generateKeyPairSync('ed25519').publicKey.export({
        type: 'spki',
        format: 'pem',
      }) as string;
      const wrongKey = recordVerify(record, other);
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.stderr).toMatch(
        new RegExp(
          `^record FAILED: the record is signed with key ${keyId}, not with the given key [0-9a-f]{16}\n$`,
        ),
      );
    });

    it('should refuse a truncated, non-JSON, reordered or cut-short file in one line', async () => {
      const f = await panelWithProceedings();
      const record = await download(f.panel.id, f.moderator);
      const text = JSON.stringify(record, null, 2);
      const swapped = [record.entries[0], record.entries[2], record.entries[1], ...record.entries.slice(3)];
      const cases: [unknown, RegExp][] = [
        [text.slice(0, text.length / 2), /is not JSON \(truncated, or not a record/],
        ['hello', /is not JSON/],
        ['[1, 2]', /^record FAILED: not a record: expected a JSON object\n$/],
        [{ ...record, entries: swapped }, /^record FAILED: entry 2 \(seq 3, speech:started\): out of order/],
        [
          { ...record, entries: record.entries.slice(0, 5) },
          /the head \(seq 6\) does not match the last entry \(seq 5\)/,
        ],
        [
          { ...record, entries: record.entries.slice(1) },
          /^record FAILED: entry 1 \(seq 2, floor:request\): out of order/,
        ],
      ];
      for (const [file, error] of cases) {
        const run = recordVerify(file);
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(error);
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      }
      const missing = spawnSync(process.execPath, [...RECORD_VERIFY, join(dir, 'no-such-file.json')], {
        encoding: 'utf8',
      });
      expect(missing).toMatchObject({
        status: 1,
        stderr: expect.stringMatching(/cannot read the record .* \(ENOENT\)/),
      });
    });
  });

  describe('the public record', () => {
    const publicRecord = (panelId: string) => request(t.api.url).get(`/api/public/panels/${panelId}/record`);

    it('should be public only for an ended panel with a published, ready recording', async () => {
      const f = await panelWithProceedings();
      const panelId = f.panel.id;
      const recordings = t.api.db.getRepository(RecordingEntity);
      const recording = await recordings.save({
        panelId,
        eventId: f.panel.eventId,
        title: 'Plenary',
        status: 'ready',
        source: 'egress',
        published: true,
      });
      expect((await publicRecord(panelId)).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' }); // live

      await request(t.api.url).post(`/api/panels/${panelId}/end`).set(as(f.moderator)).expect(200);
      const answer = (await publicRecord(panelId).expect(200)).body as PanelRecordView;
      expect(answer.entries.at(-1)).toMatchObject({ action: 'panel:end' });
      const { publicKeyPem } = (await request(t.api.url).get('/api/record/keys')).body[0];
      expect(recordVerify(answer, publicKeyPem).status).toBe(0);

      await recordings.update(recording.id, { published: false });
      await publicRecord(panelId).expect(404);
      await recordings.update(recording.id, { published: true, status: 'processing' });
      await publicRecord(panelId).expect(404);
    });
  });

  describe('the development signing key', () => {
    it('should be generated once and shared by every instance on the database', async () => {
      const second = await startTestApi({ shareWith: t.api });
      const keysOf = (apis: TestApi[]) =>
        Promise.all(
          apis.map(async (api) => (await request(api.url).get('/api/record/keys').expect(200)).body),
        );
      try {
        const [first, again] = await keysOf([t.api, second]);
        expect(again).toEqual(first);
      } finally {
        await second.stop();
      }

      // A database without a key yet, and three instances starting at once: one key for all.
      await t.api.db.query('DELETE FROM record_development_key');
      const fresh = await Promise.all([1, 2, 3].map(() => startTestApi({ shareWith: t.api })));
      try {
        const keys = await keysOf(fresh);
        expect(keys[1]).toEqual(keys[0]);
        expect(keys[2]).toEqual(keys[0]);
        expect(keys[0]).not.toEqual((await keysOf([t.api]))[0]);
        const stored: unknown[] = await t.api.db.query('SELECT 1 FROM record_development_key');
        expect(stored).toHaveLength(1);
      } finally {
        await Promise.all(fresh.map((api) => api.stop()));
      }
    });

    it('should sign with RECORD_SIGNING_KEY when it is set', async () => {
      const pair = generateKeyPairSync('ed25519');
      const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const configured = await startTestApi({ shareWith: t.api, env: { RECORD_SIGNING_KEY: pem } });
      try {
        const keys = (await request(configured.url).get('/api/record/keys').expect(200))
          .body as RecordKeyView[];
        expect(keys).toEqual([
          { keyId: expect.any(String), publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) },
        ]);
        const f = await panelWithProceedings();
        const staff = await makeUser(t.api.db, 'staff');
        const record = (
          await request(configured.url).get(`/api/panels/${f.panel.id}/record`).set(as(staff)).expect(200)
        ).body as PanelRecordView;
        expect(record.keyId).toBe(keys[0].keyId);
        expect(recordVerify(record, keys[0].publicKeyPem).status).toBe(0);
      } finally {
        await configured.stop();
      }
    });
  });
});
