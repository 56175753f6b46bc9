import { MigrationInterface, QueryRunner } from 'typeorm';
import { chainEntries, RECORD_COLUMNS, RecordRow, toRecordEntry } from '@rostrum/record';

/**
 * The floor log becomes the record of proceedings: `seq` per panel (1…n), the actor's name snapshotted, each
 * row chained by hash (existing rows chained here, in their order), no foreign key to users, a panel with
 * entries cannot be deleted, and a trigger that refuses UPDATE, DELETE and TRUNCATE. Plus the table that keeps
 * the development signing key.
 */
export class RecordOfProceedings1795400000000 implements MigrationInterface {
  name = 'RecordOfProceedings1795400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE floor_log DROP CONSTRAINT "FK_22160121b5120fbc53bbc144d75"`);
    await q.query(`ALTER TABLE floor_log DROP CONSTRAINT "FK_2ad73348c3e4dc274df338fd1b1"`);
    await q.query(`ALTER TABLE floor_log DROP CONSTRAINT "PK_75def6ca63c8708eefd20624e10"`);
    await q.query(`DROP INDEX "IDX_floor_log_panel_seq"`);
    await q.query(`ALTER TABLE floor_log ALTER COLUMN seq DROP DEFAULT, ALTER COLUMN at DROP DEFAULT`);
    await q.query(`DROP SEQUENCE IF EXISTS floor_log_seq_seq`);
    await q.query(`ALTER TABLE floor_log ADD COLUMN actor_name varchar(200), ADD COLUMN prev_hash char(64),
                   ADD COLUMN hash char(64)`);
    await q.query(`UPDATE floor_log l SET actor_name = u.name FROM users u WHERE u.id = l.actor_id`);
    // Answers carry milliseconds: the stored time must be exactly what the hash covers.
    await q.query(`UPDATE floor_log SET at = date_trunc('milliseconds', at)`);
    await q.query(`UPDATE floor_log l SET seq = r.n
                   FROM (SELECT seq, row_number() OVER (PARTITION BY panel_id ORDER BY seq) AS n FROM floor_log) r
                   WHERE r.seq = l.seq`);
    await q.query(`ALTER TABLE floor_log ALTER COLUMN seq TYPE integer`);
    await q.query(`ALTER TABLE floor_log ADD CONSTRAINT "PK_floor_log" PRIMARY KEY (panel_id, seq)`);

    const panels: { panelId: string }[] = await q.query(
      `SELECT DISTINCT panel_id AS "panelId" FROM floor_log`,
    );
    for (const { panelId } of panels) {
      const rows: RecordRow[] = await q.query(
        `SELECT ${RECORD_COLUMNS} FROM floor_log WHERE panel_id = $1 ORDER BY seq`,
        [panelId],
      );
      const chained = chainEntries(
        null,
        rows.map((r) => toRecordEntry(panelId, r)),
      );
      await q.query(
        `UPDATE floor_log l SET prev_hash = t.prev_hash, hash = t.hash
         FROM unnest($2::int[], $3::char(64)[], $4::char(64)[]) AS t(seq, prev_hash, hash)
         WHERE l.panel_id = $1 AND l.seq = t.seq`,
        [panelId, chained.map((e) => e.seq), chained.map((e) => e.prevHash), chained.map((e) => e.hash)],
      );
    }

    await q.query(
      `ALTER TABLE floor_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`,
    );
    // RESTRICT: deleting a panel (or its event) that has a record is refused, never cascaded.
    await q.query(`ALTER TABLE floor_log ADD CONSTRAINT "FK_2ad73348c3e4dc274df338fd1b1" FOREIGN KEY (panel_id)
                   REFERENCES panels(id) ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`
      CREATE FUNCTION floor_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the record of proceedings is append-only: % on floor_log refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER floor_log_append_only BEFORE UPDATE OR DELETE ON floor_log
                   FOR EACH ROW EXECUTE FUNCTION floor_log_append_only()`);
    await q.query(`CREATE TRIGGER floor_log_no_truncate BEFORE TRUNCATE ON floor_log
                   FOR EACH STATEMENT EXECUTE FUNCTION floor_log_append_only()`);

    await q.query(`
      CREATE TABLE record_development_key (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        private_key_pem text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE record_development_key`);
    await q.query(`DROP TRIGGER floor_log_no_truncate ON floor_log`);
    await q.query(`DROP TRIGGER floor_log_append_only ON floor_log`);
    await q.query(`DROP FUNCTION floor_log_append_only()`);
    await q.query(`ALTER TABLE floor_log DROP CONSTRAINT "FK_2ad73348c3e4dc274df338fd1b1"`);
    await q.query(`UPDATE floor_log SET actor_id = NULL WHERE actor_id NOT IN (SELECT id FROM users)`);
    await q.query(`ALTER TABLE floor_log DROP CONSTRAINT "PK_floor_log"`);
    await q.query(`ALTER TABLE floor_log DROP COLUMN actor_name, DROP COLUMN prev_hash, DROP COLUMN hash`);
    // Global sequence numbers again, in the per-panel order.
    await q.query(`ALTER TABLE floor_log ALTER COLUMN seq TYPE bigint`);
    await q.query(`UPDATE floor_log l SET seq = r.n
                   FROM (SELECT panel_id, seq, row_number() OVER (ORDER BY at, panel_id, seq) AS n FROM floor_log) r
                   WHERE r.panel_id = l.panel_id AND r.seq = l.seq`);
    await q.query(`CREATE SEQUENCE floor_log_seq_seq OWNED BY floor_log.seq`);
    await q.query(
      `SELECT setval('floor_log_seq_seq', COALESCE((SELECT max(seq) FROM floor_log), 0) + 1, false)`,
    );
    await q.query(`ALTER TABLE floor_log ALTER COLUMN seq SET DEFAULT nextval('floor_log_seq_seq'),
                   ALTER COLUMN at SET DEFAULT clock_timestamp()`);
    await q.query(`ALTER TABLE floor_log ADD CONSTRAINT "PK_75def6ca63c8708eefd20624e10" PRIMARY KEY (seq)`);
    await q.query(`CREATE INDEX "IDX_floor_log_panel_seq" ON floor_log (panel_id, seq)`);
    await q.query(`ALTER TABLE floor_log ADD CONSTRAINT "FK_2ad73348c3e4dc274df338fd1b1" FOREIGN KEY (panel_id)
                   REFERENCES panels(id) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE floor_log ADD CONSTRAINT "FK_22160121b5120fbc53bbc144d75" FOREIGN KEY (actor_id)
                   REFERENCES users(id) ON DELETE SET NULL ON UPDATE NO ACTION`);
  }
}
