import { MigrationInterface, QueryRunner } from 'typeorm';

/** Events and panels in several languages (issue 17): `translations` keyed by ISO 639-1 code. */
export class ContentTranslations1796282685713 implements MigrationInterface {
  name = 'ContentTranslations1796282685713';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events" ADD "translations" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "panels" ADD "translations" jsonb NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "panels" DROP COLUMN "translations"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "translations"`);
  }
}
