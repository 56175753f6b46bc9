import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795252559253 implements MigrationInterface {
  name = 'InitialSchema1795252559253';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "delegations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "code" character varying(16) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_83f93fbddb90a21b3b041e5c7c3" UNIQUE ("code"),
                CONSTRAINT "CHK_delegations_kind" CHECK ("kind" IN ('member_state', 'observer')),
                CONSTRAINT "PK_01f9fbbc9b3bf52236a4e951b19" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" character varying(300) NOT NULL,
                "description" text,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "languages" text array NOT NULL DEFAULT '{}',
                "status" character varying(20) NOT NULL DEFAULT 'scheduled',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_events_dates" CHECK ("ends_at" >= "starts_at"),
                CONSTRAINT "CHK_events_status" CHECK ("status" IN ('scheduled', 'live', 'ended')),
                CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(320) NOT NULL,
                "name" character varying(200) NOT NULL,
                "password_hash" character varying(255) NOT NULL,
                "role" character varying(20) NOT NULL,
                "delegation_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"),
                CONSTRAINT "CHK_users_delegate_has_delegation" CHECK (
                    "role" <> 'delegate'
                    OR "delegation_id" IS NOT NULL
                ),
                CONSTRAINT "CHK_users_role" CHECK (
                    "role" IN (
                        'admin',
                        'staff',
                        'moderator',
                        'panelist',
                        'delegate'
                    )
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "panels" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "theme" character varying(300),
                "description" text,
                "guiding_questions" text array NOT NULL DEFAULT '{}',
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'scheduled',
                "queue_open" boolean NOT NULL DEFAULT false,
                "version" integer NOT NULL DEFAULT '0',
                "settings" jsonb NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_panels_version" CHECK ("version" >= 0),
                CONSTRAINT "CHK_panels_dates" CHECK ("ends_at" >= "starts_at"),
                CONSTRAINT "CHK_panels_status" CHECK ("status" IN ('scheduled', 'live', 'ended')),
                CONSTRAINT "PK_28351db7a5287474802f65f837b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_panels_event" ON "panels" ("event_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "floor_log" (
                "seq" BIGSERIAL NOT NULL,
                "panel_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                "actor_id" uuid,
                "actor_role" character varying(20),
                "action" character varying(40) NOT NULL,
                "intervention_id" uuid,
                "question_id" uuid,
                "version" integer,
                "detail" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_75def6ca63c8708eefd20624e10" PRIMARY KEY ("seq")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_floor_log_panel_seq" ON "floor_log" ("panel_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "interventions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "panel_id" uuid NOT NULL,
                "delegate_id" uuid NOT NULL,
                "delegation_id" uuid,
                "kind" character varying(20) NOT NULL,
                "note" character varying(280),
                "status" character varying(20) NOT NULL DEFAULT 'queued',
                "queue_position" integer,
                "client_request_id" character varying(100),
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "allotted_seconds" integer,
                "paused_seconds" double precision NOT NULL DEFAULT '0',
                "paused_at" TIMESTAMP WITH TIME ZONE,
                "spoken_seconds" double precision,
                "end_reason" character varying(20),
                "time_up_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_interventions_speaking_started" CHECK (
                    "status" <> 'speaking'
                    OR "started_at" IS NOT NULL
                ),
                CONSTRAINT "CHK_interventions_allotted" CHECK (
                    "allotted_seconds" IS NULL
                    OR "allotted_seconds" > 0
                ),
                CONSTRAINT "CHK_interventions_note_length" CHECK (char_length("note") <= 280),
                CONSTRAINT "CHK_interventions_status" CHECK (
                    "status" IN (
                        'queued',
                        'speaking',
                        'done',
                        'withdrawn',
                        'removed'
                    )
                ),
                CONSTRAINT "CHK_interventions_kind" CHECK (
                    "kind" IN (
                        'statement',
                        'question',
                        'point_of_order',
                        'right_of_reply'
                    )
                ),
                CONSTRAINT "PK_39babe074cbaa90750582bfc38d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_interventions_queue" ON "interventions" ("panel_id", "status", "queue_position")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_interventions_client_request" ON "interventions" ("panel_id", "delegate_id", "client_request_id")
            WHERE "client_request_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_interventions_one_open_request_per_delegate" ON "interventions" ("panel_id", "delegate_id")
            WHERE "status" IN ('queued', 'speaking')
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_interventions_one_speaker_per_panel" ON "interventions" ("panel_id")
            WHERE "status" = 'speaking'
        `);
    await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(64) NOT NULL,
                "role" character varying(20) NOT NULL,
                "delegation_id" uuid,
                "email" character varying(320),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "used_by_id" uuid,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_dfcfae6af22931048ef73078418" UNIQUE ("code"),
                CONSTRAINT "CHK_invitations_delegate_has_delegation" CHECK (
                    "role" <> 'delegate'
                    OR "delegation_id" IS NOT NULL
                ),
                CONSTRAINT "CHK_invitations_role" CHECK (
                    "role" IN ('delegate', 'panelist', 'moderator', 'staff')
                ),
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "questions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "panel_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "delegation_id" uuid,
                "addressed_to_id" uuid,
                "text" character varying(1000) NOT NULL,
                "status" character varying(20) NOT NULL,
                "votes" integer NOT NULL DEFAULT '0',
                "answer" text,
                "answered_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_questions_votes" CHECK ("votes" >= 0),
                CONSTRAINT "CHK_questions_text_length" CHECK (
                    char_length("text") BETWEEN 1 AND 1000
                ),
                CONSTRAINT "CHK_questions_status" CHECK (
                    "status" IN ('pending', 'approved', 'answered', 'dismissed')
                ),
                CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_questions_panel" ON "questions" ("panel_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "question_votes" (
                "question_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b192f4094aec328ef306e5662b6" PRIMARY KEY ("question_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "recordings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "panel_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "status" character varying(20) NOT NULL,
                "error" text,
                "source" character varying(20) NOT NULL,
                "egress_id" character varying(100),
                "source_path" text,
                "video_file" character varying(200),
                "poster_file" character varying(200),
                "duration_seconds" double precision,
                "size_bytes" bigint,
                "sha256" character(64),
                "width" integer,
                "height" integer,
                "published" boolean NOT NULL DEFAULT false,
                "started_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "chapters" jsonb NOT NULL DEFAULT '[]',
                "attempts" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_69ff3e3bd194f016754bf006416" UNIQUE ("egress_id"),
                CONSTRAINT "CHK_recordings_sha256" CHECK (
                    "sha256" IS NULL
                    OR "sha256" ~ '^[0-9a-f]{64}$'
                ),
                CONSTRAINT "CHK_recordings_source" CHECK ("source" IN ('egress', 'import')),
                CONSTRAINT "CHK_recordings_status" CHECK (
                    "status" IN ('recording', 'processing', 'ready', 'failed')
                ),
                CONSTRAINT "PK_8c3247d5ee4551d59bb2115a484" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_recordings_status" ON "recordings" ("status")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_recordings_panel" ON "recordings" ("panel_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "livekit_webhook_events" (
                "id" character varying(100) NOT NULL,
                "event" character varying(60) NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fb17dda2d0710d2c67269abe46c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "panel_moderators" (
                "panel_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "PK_75ed01b4c0b90a2833d35e91608" PRIMARY KEY ("panel_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_9f76c7361b523c93b888d607af" ON "panel_moderators" ("panel_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_67a605eb0794368f96fc1b6094" ON "panel_moderators" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "panel_panelists" (
                "panel_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "PK_1fc1b26f19fbb6b85cbcd516870" PRIMARY KEY ("panel_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f38eb5ead2a72b0612bf19f1d9" ON "panel_panelists" ("panel_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_e5a21bd4650a1a22d6262d9f86" ON "panel_panelists" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_95a34e52474e42f87476ba64793" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "panels"
            ADD CONSTRAINT "FK_9581c4d14f66d0cfb532e05c6fa" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "floor_log"
            ADD CONSTRAINT "FK_2ad73348c3e4dc274df338fd1b1" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "floor_log"
            ADD CONSTRAINT "FK_22160121b5120fbc53bbc144d75" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD CONSTRAINT "FK_a87f968ca09e4c77202dff9d1bc" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD CONSTRAINT "FK_d650a7499b0fbeeb95c7b57769e" FOREIGN KEY ("delegate_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD CONSTRAINT "FK_7e7f2af52d6eeb105b8919b5294" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_7c5303351d6bc1a387031fab3bc" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_211d0cfca86d24731f66b4eb668" FOREIGN KEY ("used_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_504adeb0e31e50792c33aced772" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_84a4b1cc2f5654f0686e628cb43" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_edb1645f98c03682241d840ca63" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_33e45923b3fca659cc0be1bc5cd" FOREIGN KEY ("addressed_to_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "questions"
            ADD CONSTRAINT "FK_b922ee20ff2c1fc7fbdc4201640" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "question_votes"
            ADD CONSTRAINT "FK_c7514956e9a7667e5d0136b2559" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "question_votes"
            ADD CONSTRAINT "FK_b3fd868c90abc25cab8159c4881" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recordings"
            ADD CONSTRAINT "FK_9f82f7b586046f5bae106abc8c8" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "recordings"
            ADD CONSTRAINT "FK_4764d64d7b28407d2160d5f6ee5" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_moderators"
            ADD CONSTRAINT "FK_9f76c7361b523c93b888d607aff" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_moderators"
            ADD CONSTRAINT "FK_67a605eb0794368f96fc1b6094d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_panelists"
            ADD CONSTRAINT "FK_f38eb5ead2a72b0612bf19f1d9b" FOREIGN KEY ("panel_id") REFERENCES "panels"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_panelists"
            ADD CONSTRAINT "FK_e5a21bd4650a1a22d6262d9f860" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "panel_panelists" DROP CONSTRAINT "FK_e5a21bd4650a1a22d6262d9f860"
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_panelists" DROP CONSTRAINT "FK_f38eb5ead2a72b0612bf19f1d9b"
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_moderators" DROP CONSTRAINT "FK_67a605eb0794368f96fc1b6094d"
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_moderators" DROP CONSTRAINT "FK_9f76c7361b523c93b888d607aff"
        `);
    await queryRunner.query(`
            ALTER TABLE "recordings" DROP CONSTRAINT "FK_4764d64d7b28407d2160d5f6ee5"
        `);
    await queryRunner.query(`
            ALTER TABLE "recordings" DROP CONSTRAINT "FK_9f82f7b586046f5bae106abc8c8"
        `);
    await queryRunner.query(`
            ALTER TABLE "question_votes" DROP CONSTRAINT "FK_b3fd868c90abc25cab8159c4881"
        `);
    await queryRunner.query(`
            ALTER TABLE "question_votes" DROP CONSTRAINT "FK_c7514956e9a7667e5d0136b2559"
        `);
    await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_b922ee20ff2c1fc7fbdc4201640"
        `);
    await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_33e45923b3fca659cc0be1bc5cd"
        `);
    await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_edb1645f98c03682241d840ca63"
        `);
    await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_dcaac7adf4b5af7bc980ec5250e"
        `);
    await queryRunner.query(`
            ALTER TABLE "questions" DROP CONSTRAINT "FK_84a4b1cc2f5654f0686e628cb43"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_504adeb0e31e50792c33aced772"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_211d0cfca86d24731f66b4eb668"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_7c5303351d6bc1a387031fab3bc"
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP CONSTRAINT "FK_7e7f2af52d6eeb105b8919b5294"
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP CONSTRAINT "FK_d650a7499b0fbeeb95c7b57769e"
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP CONSTRAINT "FK_a87f968ca09e4c77202dff9d1bc"
        `);
    await queryRunner.query(`
            ALTER TABLE "floor_log" DROP CONSTRAINT "FK_22160121b5120fbc53bbc144d75"
        `);
    await queryRunner.query(`
            ALTER TABLE "floor_log" DROP CONSTRAINT "FK_2ad73348c3e4dc274df338fd1b1"
        `);
    await queryRunner.query(`
            ALTER TABLE "panels" DROP CONSTRAINT "FK_9581c4d14f66d0cfb532e05c6fa"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_95a34e52474e42f87476ba64793"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_e5a21bd4650a1a22d6262d9f86"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f38eb5ead2a72b0612bf19f1d9"
        `);
    await queryRunner.query(`
            DROP TABLE "panel_panelists"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_67a605eb0794368f96fc1b6094"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_9f76c7361b523c93b888d607af"
        `);
    await queryRunner.query(`
            DROP TABLE "panel_moderators"
        `);
    await queryRunner.query(`
            DROP TABLE "livekit_webhook_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_recordings_panel"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_recordings_status"
        `);
    await queryRunner.query(`
            DROP TABLE "recordings"
        `);
    await queryRunner.query(`
            DROP TABLE "question_votes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_questions_panel"
        `);
    await queryRunner.query(`
            DROP TABLE "questions"
        `);
    await queryRunner.query(`
            DROP TABLE "invitations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_interventions_one_speaker_per_panel"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_interventions_one_open_request_per_delegate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_interventions_client_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_interventions_queue"
        `);
    await queryRunner.query(`
            DROP TABLE "interventions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_floor_log_panel_seq"
        `);
    await queryRunner.query(`
            DROP TABLE "floor_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_panels_event"
        `);
    await queryRunner.query(`
            DROP TABLE "panels"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TABLE "events"
        `);
    await queryRunner.query(`
            DROP TABLE "delegations"
        `);
  }
}
