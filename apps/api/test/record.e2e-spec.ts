import { createHash } from 'node:crypto';
import request from 'supertest';
import { FloorLogEntryView } from '@rostrum/contracts';
import { makeUser, TestApi } from '@rostrum/testing';
import { joined, livePanel, liveTestApi } from './support/floor-fixture';

/** The contract's hash, written here independently of libs/record: sorted keys at every level, no spaces. */
function contractHash(e: FloorLogEntryView): string {
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
  const { panelId, seq, at, actor, action, interventionId, questionId, detail, prevHash } = e;
  const content = { panelId, seq, at, actor, action, interventionId, questionId, detail, prevHash };
  return createHash('sha256')
    .update(JSON.stringify(sorted(content)), 'utf8')
    .digest('hex');
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
});
