import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search reads a stored tsvector per transcript line instead of computing one per line per query: a trigger
 * keeps `search_vector` (English and French stemming, 'simple' for other languages, by the line's language)
 * and a GIN index answers the match. Replaces the expression index, whose matches still had their tsvector
 * recomputed for ranking.
 */
export class TranscriptSearchVector1796291770192 implements MigrationInterface {
  name = 'TranscriptSearchVector1796291770192';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION transcript_segment_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := to_tsvector(
          CASE NEW.language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig
                            ELSE 'simple'::regconfig END,
          NEW.text);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`ALTER TABLE "transcript_segments" ADD "search_vector" tsvector`);
    await queryRunner.query(`
      CREATE TRIGGER "TRG_transcript_segments_search_vector"
        BEFORE INSERT OR UPDATE OF "text", "language" ON "transcript_segments"
        FOR EACH ROW EXECUTE FUNCTION transcript_segment_search_vector()`);
    await queryRunner.query(`UPDATE "transcript_segments" SET "text" = "text"`);
    await queryRunner.query(`ALTER TABLE "transcript_segments" ALTER COLUMN "search_vector" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."IDX_transcript_segments_search"`);
    await queryRunner.query(`
      CREATE INDEX "IDX_transcript_segments_search_vector" ON "transcript_segments" USING GIN ("search_vector")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_transcript_segments_search_vector"`);
    await queryRunner.query(`
      CREATE INDEX "IDX_transcript_segments_search" ON "transcript_segments" USING GIN (to_tsvector(CASE "language" WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig ELSE 'simple'::regconfig END, "text"))`);
    await queryRunner.query(`DROP TRIGGER "TRG_transcript_segments_search_vector" ON "transcript_segments"`);
    await queryRunner.query(`ALTER TABLE "transcript_segments" DROP COLUMN "search_vector"`);
    await queryRunner.query(`DROP FUNCTION transcript_segment_search_vector()`);
  }
}
