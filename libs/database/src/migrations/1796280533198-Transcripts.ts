import { MigrationInterface, QueryRunner } from 'typeorm';

/** Transcripts of archived recordings: one row per recording and language, its segments, a full-text index. */
export class Transcripts1796280533198 implements MigrationInterface {
  name = 'Transcripts1796280533198';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "recording_transcripts" ("recording_id" uuid NOT NULL, "language" character varying(10) NOT NULL, "status" character varying(20) NOT NULL, "engine" character varying(50), "error" text, "chunks" jsonb, "chunks_done" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_recording_transcripts_status" CHECK ("status" IN ('queued', 'processing', 'ready', 'failed', 'unavailable')), CONSTRAINT "PK_848b4e114114e9951d6242cb138" PRIMARY KEY ("recording_id", "language"))
        `);
    await queryRunner.query(`
            CREATE TABLE "transcript_segments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recording_id" uuid NOT NULL, "language" character varying(10) NOT NULL, "chunk_index" integer NOT NULL, "start_seconds" double precision NOT NULL, "end_seconds" double precision NOT NULL, "text" text NOT NULL, "intervention_id" uuid, "speaker_name" character varying(200), "delegation_code" character varying(20), "delegation_name" character varying(200), CONSTRAINT "PK_34cfd4b54a9857af7dfa443f3ed" PRIMARY KEY ("id"))
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_transcript_segments_recording" ON "transcript_segments"  ("recording_id", "language", "start_seconds")
        `);
    await queryRunner.query(`
            ALTER TABLE "recording_transcripts" ADD CONSTRAINT "FK_ff7843d5f7f61514783d4d75a34" FOREIGN KEY ("recording_id") REFERENCES "recordings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "transcript_segments" ADD CONSTRAINT "FK_e075c20fbd63675832be609a483" FOREIGN KEY ("recording_id") REFERENCES "recordings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // The search index is on an expression (the segment's language picks the stemming), so TypeORM's schema
    // sync does not see it: queries must use transcriptTsvectorSql() (the same expression) to be answered from it.
    await queryRunner.query(`
            CREATE INDEX "IDX_transcript_segments_search" ON "transcript_segments" USING GIN (to_tsvector(CASE "language" WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig ELSE 'simple'::regconfig END, "text"))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_transcript_segments_search"
        `);
    await queryRunner.query(`
            ALTER TABLE "transcript_segments" DROP CONSTRAINT "FK_e075c20fbd63675832be609a483"
        `);
    await queryRunner.query(`
            ALTER TABLE "recording_transcripts" DROP CONSTRAINT "FK_ff7843d5f7f61514783d4d75a34"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_transcript_segments_recording"
        `);
    await queryRunner.query(`
            DROP TABLE "transcript_segments"
        `);
    await queryRunner.query(`
            DROP TABLE "recording_transcripts"
        `);
  }
}
