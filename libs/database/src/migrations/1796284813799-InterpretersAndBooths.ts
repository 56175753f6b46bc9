import { MigrationInterface, QueryRunner } from 'typeorm';

const roleCheck = (table: string, roles: string[]) =>
  `ALTER TABLE "${table}" ADD CONSTRAINT "CHK_${table}_role" CHECK ("role" IN (${roles.map((r) => `'${r}'`).join(', ')}))`;

/**
 * Interpreters and their booths (issue 17): the `interpreter` role (invitable), and one booth per event
 * language with its interpreters. Reverting fails while an interpreter account or invitation exists.
 */
export class InterpretersAndBooths1796284813799 implements MigrationInterface {
  name = 'InterpretersAndBooths1796284813799';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"`);
    await queryRunner.query(
      roleCheck('users', ['admin', 'staff', 'moderator', 'panelist', 'delegate', 'interpreter']),
    );
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "CHK_invitations_role"`);
    await queryRunner.query(
      roleCheck('invitations', ['delegate', 'panelist', 'moderator', 'staff', 'interpreter']),
    );
    await queryRunner.query(`
            CREATE TABLE "booths" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "language" character varying(16) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_booths_event_language" UNIQUE ("event_id", "language"),
                CONSTRAINT "PK_13c9749e8a08d40cc3257ef7360" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "booth_interpreters" (
                "booth_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "PK_85057fdc9535c7b757c3f7a51d9" PRIMARY KEY ("booth_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_1b677c372699fa401fa7901ad7" ON "booth_interpreters" ("booth_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_4963362fc27f0c128a5dd52455" ON "booth_interpreters" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "booths"
            ADD CONSTRAINT "FK_c7d005f02387fbfdac4c727e287" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_interpreters"
            ADD CONSTRAINT "FK_1b677c372699fa401fa7901ad79" FOREIGN KEY ("booth_id") REFERENCES "booths"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_interpreters"
            ADD CONSTRAINT "FK_4963362fc27f0c128a5dd524559" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "booth_interpreters" DROP CONSTRAINT "FK_4963362fc27f0c128a5dd524559"
        `);
    await queryRunner.query(`
            ALTER TABLE "booth_interpreters" DROP CONSTRAINT "FK_1b677c372699fa401fa7901ad79"
        `);
    await queryRunner.query(`
            ALTER TABLE "booths" DROP CONSTRAINT "FK_c7d005f02387fbfdac4c727e287"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_4963362fc27f0c128a5dd52455"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_1b677c372699fa401fa7901ad7"
        `);
    await queryRunner.query(`
            DROP TABLE "booth_interpreters"
        `);
    await queryRunner.query(`
            DROP TABLE "booths"
        `);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "CHK_invitations_role"`);
    await queryRunner.query(roleCheck('invitations', ['delegate', 'panelist', 'moderator', 'staff']));
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_role"`);
    await queryRunner.query(roleCheck('users', ['admin', 'staff', 'moderator', 'panelist', 'delegate']));
  }
}
