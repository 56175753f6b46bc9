import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@rostrum/testing';
import { dataSourceOptions, InterventionEntity, PanelEntity } from '@rostrum/database';
import { makeEvent, makeUser } from '@rostrum/testing';
import { DEFAULT_PANEL_SETTINGS } from '@rostrum/contracts';

describe('database schema', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('should have migrations that create exactly what the entities describe', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  describe('floor invariants in the schema', () => {
    let panel: PanelEntity;
    let delegateId: string;

    beforeAll(async () => {
      const moderator = await makeUser(db, 'moderator');
      const event = await makeEvent(db);
      panel = await db.getRepository(PanelEntity).save({
        eventId: event.id,
        title: 'Schema panel',
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        settings: DEFAULT_PANEL_SETTINGS,
        moderators: [moderator],
      });
      delegateId = (await makeUser(db, 'delegate')).id;
    });

    const intervention = (fields: Partial<InterventionEntity>) =>
      db
        .getRepository(InterventionEntity)
        .insert({ panelId: panel.id, kind: 'statement', ...fields } as InterventionEntity);

    it('should refuse a second open request of the same sort by the same delegate on one panel', async () => {
      await intervention({ delegateId, status: 'queued' });
      await expect(intervention({ delegateId, status: 'queued', kind: 'question' })).rejects.toThrow(
        /UQ_interventions_one_open_other_request_per_delegate/,
      );
      await expect(intervention({ delegateId, status: 'done' })).resolves.toBeDefined();
      // A point of order beside it is fine, a second one is not.
      await intervention({ delegateId, status: 'queued', kind: 'point_of_order' });
      await expect(intervention({ delegateId, status: 'queued', kind: 'point_of_order' })).rejects.toThrow(
        /UQ_interventions_one_open_point_of_order_per_delegate/,
      );
    });

    it('should refuse a second speaker on one panel', async () => {
      const a = (await makeUser(db, 'delegate')).id;
      const b = (await makeUser(db, 'delegate')).id;
      await intervention({ delegateId: a, status: 'speaking', startedAt: new Date(), allottedSeconds: 60 });
      await expect(
        intervention({ delegateId: b, status: 'speaking', startedAt: new Date(), allottedSeconds: 60 }),
      ).rejects.toThrow(/UQ_interventions_one_speaker_per_panel/);
    });

    it('should refuse values outside the enums', async () => {
      const c = (await makeUser(db, 'delegate')).id;
      await expect(intervention({ delegateId: c, status: 'dancing' as never })).rejects.toThrow(
        /CHK_interventions_status/,
      );
      await expect(intervention({ delegateId: c, kind: 'song' as never })).rejects.toThrow(
        /CHK_interventions_kind/,
      );
    });

    it('should refuse a second vote by the same user on one question', async () => {
      const author = await makeUser(db, 'delegate');
      const [{ id: questionId }] = await db.query(
        `INSERT INTO questions (panel_id, author_id, text, status) VALUES ($1, $2, 'Why?', 'approved') RETURNING id`,
        [panel.id, author.id],
      );
      await db.query('INSERT INTO question_votes (question_id, user_id) VALUES ($1, $2)', [
        questionId,
        delegateId,
      ]);
      await expect(
        db.query('INSERT INTO question_votes (question_id, user_id) VALUES ($1, $2)', [
          questionId,
          delegateId,
        ]),
      ).rejects.toThrow(/duplicate key/);
    });
  });
});
