import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance for the reports: a sample per live panel and interval, and who joined each panel signed in.
 * (A delegation's regional group, which the reports group speaking time by, comes with the Accreditation
 * migration, which runs first.)
 */
export class AttendanceAndRegions1796280410441 implements MigrationInterface {
  name = 'AttendanceAndRegions1796280410441';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "attendance_samples" (
                "panel_id" uuid NOT NULL,
                "minute" TIMESTAMP WITH TIME ZONE NOT NULL,
                "moderators" integer NOT NULL,
                "panelists" integer NOT NULL,
                "delegates" integer NOT NULL,
                "public" integer NOT NULL,
                CONSTRAINT "PK_031607eeb74c9ca11a49f552d0a" PRIMARY KEY ("panel_id", "minute")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "panel_attendees" (
                "panel_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "audience" character varying(20) NOT NULL,
                "delegation_id" uuid,
                "first_joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ee37494ce51e0df24180f641653" PRIMARY KEY ("panel_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_panel_attendees_delegation" ON "panel_attendees" ("panel_id", "delegation_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "attendance_samples"
            ADD CONSTRAINT "FK_d42a7cd04c49860f51763ca350a" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_attendees"
            ADD CONSTRAINT "FK_9004d71327b3e75d8d7bc2b111d" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_attendees"
            ADD CONSTRAINT "FK_bcfb3a4f454bec1820585111967" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "panel_attendees"`);
    await queryRunner.query(`DROP TABLE "attendance_samples"`);
  }
}
