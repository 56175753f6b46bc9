import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is live in each interpretation booth during a panel (issue 17): one stint per take, at most one open
 * stint per booth and panel (a unique partial index), and the channel each booth interprets from.
 */
export class BoothShifts1796291826091 implements MigrationInterface {
  name = 'BoothShifts1796291826091';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "booth_shifts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "panel_id" uuid NOT NULL,
                "language" character varying(16) NOT NULL,
                "interpreter_id" uuid NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_3b23e9f231b61da691e7a307dc3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_booth_shifts_one_live_per_booth" ON "booth_shifts" ("panel_id", "language")
            WHERE "ended_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "booth_relays" (
                "panel_id" uuid NOT NULL,
                "language" character varying(16) NOT NULL,
                "relay_from" character varying(16) NOT NULL DEFAULT 'floor',
                CONSTRAINT "PK_22d78824c2e655486f8d37a1d3d" PRIMARY KEY ("panel_id", "language")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_shifts"
            ADD CONSTRAINT "FK_3672883ff3d656a38c11bae45ab" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_shifts"
            ADD CONSTRAINT "FK_9c71d9011bab76c8ac4568ccf4d" FOREIGN KEY ("interpreter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_relays"
            ADD CONSTRAINT "FK_ed2561a91183171a28a1bd4295c" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "booth_relays" DROP CONSTRAINT "FK_ed2561a91183171a28a1bd4295c"
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_shifts" DROP CONSTRAINT "FK_9c71d9011bab76c8ac4568ccf4d"
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_shifts" DROP CONSTRAINT "FK_3672883ff3d656a38c11bae45ab"
        `);
    await queryRunner.query(`
            DROP TABLE "booth_relays"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_booth_shifts_one_live_per_booth"
        `);
    await queryRunner.query(`
            DROP TABLE "booth_shifts"
        `);
  }
}
