import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The diplomatic list of speakers (issue 16): group statements (on behalf of a group), rights of reply tied
 * to the intervention they answer, the delegate's "ready", and the moderator's placements the protocol order
 * keeps. The new PanelSettings need no column: settings are read over their defaults.
 */
export class DiplomaticListOfSpeakers1796291867573 implements MigrationInterface {
  name = 'DiplomaticListOfSpeakers1796291867573';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "interventions" DROP CONSTRAINT "CHK_interventions_kind"`);
    await queryRunner.query(`
            ALTER TABLE "interventions" ADD CONSTRAINT "CHK_interventions_kind" CHECK (
                "kind" IN ('statement', 'question', 'point_of_order', 'right_of_reply', 'group_statement')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD "on_behalf_of" character varying(100)
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD "reply_to_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD "ready" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD "placed_by_moderator" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions"
            ADD CONSTRAINT "FK_23b8e42ee825ded17603c4ae46f" FOREIGN KEY ("reply_to_id") REFERENCES "interventions"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP CONSTRAINT "FK_23b8e42ee825ded17603c4ae46f"
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP COLUMN "placed_by_moderator"
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP COLUMN "ready"
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP COLUMN "reply_to_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "interventions" DROP COLUMN "on_behalf_of"
        `);
    await queryRunner.query(`DELETE FROM "interventions" WHERE "kind" = 'group_statement'`);
    await queryRunner.query(`ALTER TABLE "interventions" DROP CONSTRAINT "CHK_interventions_kind"`);
    await queryRunner.query(`
            ALTER TABLE "interventions" ADD CONSTRAINT "CHK_interventions_kind" CHECK (
                "kind" IN ('statement', 'question', 'point_of_order', 'right_of_reply')
            )
        `);
  }
}
