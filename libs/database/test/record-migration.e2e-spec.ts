import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '@rostrum/database';
import { RECORD_COLUMNS, RecordRow, toRecordEntry } from '@rostrum/record';
import { chainError } from '@rostrum/record';
import { createTestDatabase, makePanel, makeUser, TestDatabase } from '@rostrum/testing';

/** A database at the first migration, holding a floor log written the old way, then migrated. */
describe('the record migration', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('should chain the rows already written, per panel in their order, with the actors as they were', async () => {
    // The template is fully migrated: take this database back to the schema before the record.
    const old = await new DataSource({
      ...dataSourceOptions(database.url),
      migrations: MIGRATIONS,
    }).initialize();
    // People and panels first, while the entities match the schema (later migrations add columns).
    const moderator = await makeUser(old, 'moderator');
    const delegate = await makeUser(old, 'delegate');
    const [a, b] = [
      await makePanel(old, { moderators: [moderator] }),
      await makePanel(old, { moderators: [moderator] }),
    ];
    // Back to before the record (and any migration after it).
    const applied = async () =>
      ((await old.query('SELECT name FROM migrations')) as { name: string }[]).map((m) => m.name);
    while ((await applied()).includes('RecordOfProceedings1795400000000')) {
      await old.undoLastMigration({ transaction: 'each' });
    }
    // Interleaved, as several panels write at once; one with a microsecond time, one by the system.
    const write = (panelId: string, actorId: string | null, action: string, at = 'clock_timestamp()') =>
      old.query(
        `INSERT INTO floor_log (panel_id, actor_id, actor_role, action, detail, at)
         VALUES ($1, $2, $3, $4, $5, ${at})`,
        [
          panelId,
          actorId,
          actorId ? 'moderator' : null,
          action,
          JSON.stringify({ n: action, é: [1, { z: 0, a: 1 }] }),
        ],
      );
    await write(a.id, delegate.id, 'floor:request', `'2026-05-01T09:00:00.123456Z'`);
    await write(b.id, moderator.id, 'panel:start');
    await write(a.id, moderator.id, 'floor:next');
    await write(b.id, null, 'floor:timeup');
    await write(a.id, moderator.id, 'floor:end');
    await old.destroy();

    const db = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await db.runMigrations({ transaction: 'each' });
      for (const [panel, actions] of [
        [a, ['floor:request', 'floor:next', 'floor:end']],
        [b, ['panel:start', 'floor:timeup']],
      ] as const) {
        const rows: RecordRow[] = await db.query(
          `SELECT ${RECORD_COLUMNS} FROM floor_log WHERE panel_id = $1 ORDER BY seq`,
          [panel.id],
        );
        const entries = rows.map((r) => toRecordEntry(panel.id, r));
        expect(entries.map((e) => [e.seq, e.action])).toEqual(actions.map((action, i) => [i + 1, action]));
        expect(chainError(panel.id, entries)).toBeNull();
      }
      const [first] = await db.query(
        `SELECT ${RECORD_COLUMNS} FROM floor_log WHERE panel_id = $1 AND seq = 1`,
        [a.id],
      );
      expect(toRecordEntry(a.id, first)).toMatchObject({
        at: '2026-05-01T09:00:00.123Z',
        actor: { id: delegate.id, name: delegate.name, role: 'moderator' },
      });
    } finally {
      await db.destroy();
    }
  });
});
