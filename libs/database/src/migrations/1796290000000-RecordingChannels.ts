import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A recording's interpretation channels (issue 17): each channel's egress, file and media start time, the
 * video's own media start time (to align them), and the audio tracks the archive produced.
 */
export class RecordingChannels1796290000000 implements MigrationInterface {
  name = 'RecordingChannels1796290000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recordings" ADD "channels" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "recordings" ADD "audio_tracks" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "recordings" ADD "media_started_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recordings" DROP COLUMN "media_started_at"`);
    await queryRunner.query(`ALTER TABLE "recordings" DROP COLUMN "audio_tracks"`);
    await queryRunner.query(`ALTER TABLE "recordings" DROP COLUMN "channels"`);
  }
}
