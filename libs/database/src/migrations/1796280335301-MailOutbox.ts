import { MigrationInterface, QueryRunner } from 'typeorm';

/** The mail outbox: one row per mail, sent by the worker from the `mail` queue (docs/mail.md). */
export class MailOutbox1796280335301 implements MigrationInterface {
  name = 'MailOutbox1796280335301';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mail_outbox" (
                "id" uuid NOT NULL,
                "kind" character varying(30) NOT NULL,
                "to_address" character varying(320) NOT NULL,
                "language" character varying(5) NOT NULL,
                "subject" character varying(500) NOT NULL,
                "text" text,
                "html" text,
                "attachments" jsonb,
                "message_id" character varying(255) NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'queued',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "invitation_id" uuid,
                "user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_3c364b2c15ecfabf0b12e8b18a2" UNIQUE ("message_id"),
                CONSTRAINT "CHK_mail_outbox_status" CHECK ("status" IN ('queued', 'sent', 'failed')),
                CONSTRAINT "CHK_mail_outbox_kind" CHECK ("kind" IN ('invitation', 'password_reset')),
                CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_mail_outbox_invitation" ON "mail_outbox" ("invitation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_mail_outbox_status_created" ON "mail_outbox" ("status", "created_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_mail_outbox_status_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_mail_outbox_invitation"
        `);
    await queryRunner.query(`
            DROP TABLE "mail_outbox"
        `);
  }
}
