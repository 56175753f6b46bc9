import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One open request of each sort per delegate (issue 12): a point of order may be open beside another request.
 * Reverting fails while a delegate has both open, as the old index cannot hold them.
 */
export class OneOpenRequestOfEachSort1796270914762 implements MigrationInterface {
  name = 'OneOpenRequestOfEachSort1796270914762';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."UQ_interventions_one_open_request_per_delegate"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_interventions_one_open_other_request_per_delegate" ON "interventions" ("panel_id", "delegate_id")
            WHERE "status" IN ('queued', 'speaking')
                AND "kind" <> 'point_of_order'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_interventions_one_open_point_of_order_per_delegate" ON "interventions" ("panel_id", "delegate_id")
            WHERE "status" IN ('queued', 'speaking')
                AND "kind" = 'point_of_order'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."UQ_interventions_one_open_point_of_order_per_delegate"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_interventions_one_open_other_request_per_delegate"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_interventions_one_open_request_per_delegate" ON "interventions" USING btree ("panel_id", "delegate_id")
            WHERE (
                    (status)::text = ANY (
                        (
                            ARRAY ['queued'::character varying, 'speaking'::character varying]
                        )::text []
                    )
                )
        `);
  }
}
