import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accreditation per event: events gain a time zone, a delegate quota and regional groups; delegations a
 * region; invitations an event, a name, a language, a focal-point flag, sent and revoked times; a
 * participants table holds who is accredited to which event.
 *
 * Before this, any delegate could take part in any event. So that nobody loses what they had, every
 * existing delegate is accredited to every existing event, and a delegate invitation not yet redeemed is
 * tied to the event when there is only one (otherwise it stays without one and staff reissue it).
 */
export class Accreditation1796280383278 implements MigrationInterface {
  name = 'Accreditation1796280383278';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "participants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'accredited',
                "focal_point" boolean NOT NULL DEFAULT false,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_participants_event_user" UNIQUE ("event_id", "user_id"),
                CONSTRAINT "CHK_participants_status" CHECK ("status" IN ('accredited', 'revoked')),
                CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_participants_user" ON "participants" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "delegations"
            ADD "region" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "timezone" character varying(64) NOT NULL DEFAULT 'UTC'
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "delegate_quota" integer DEFAULT '5'
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "groups" text array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD "event_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD "name" character varying(200)
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD "language" character varying(2)
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD "focal_point" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD "sent_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD "revoked_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_invitations_event_email" ON "invitations" ("event_id", "email")
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "CHK_invitations_language" CHECK (
                    "language" IS NULL
                    OR "language" IN ('en', 'fr', 'zh')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_d4dcb14581e4fafa601e15e3533" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "participants"
            ADD CONSTRAINT "FK_1f663d2c0e63c2b9794b6b12802" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "participants"
            ADD CONSTRAINT "FK_1427a77e06023c250ed3794a1ba" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "participants" ("event_id", "user_id", "status")
            SELECT e."id", u."id", 'accredited' FROM "users" u CROSS JOIN "events" e WHERE u."role" = 'delegate'
        `);
    await queryRunner.query(`
            UPDATE "invitations" SET "event_id" = (SELECT "id" FROM "events")
            WHERE "role" = 'delegate' AND "used_at" IS NULL AND (SELECT count(*) FROM "events") = 1
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "participants" DROP CONSTRAINT "FK_1427a77e06023c250ed3794a1ba"
        `);
    await queryRunner.query(`
            ALTER TABLE "participants" DROP CONSTRAINT "FK_1f663d2c0e63c2b9794b6b12802"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_d4dcb14581e4fafa601e15e3533"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "CHK_invitations_language"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_invitations_event_email"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP COLUMN "revoked_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP COLUMN "sent_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP COLUMN "focal_point"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP COLUMN "language"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP COLUMN "name"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP COLUMN "event_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "groups"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "delegate_quota"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "timezone"
        `);
    await queryRunner.query(`
            ALTER TABLE "delegations" DROP COLUMN "region"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_participants_user"
        `);
    await queryRunner.query(`
            DROP TABLE "participants"
        `);
  }
}
