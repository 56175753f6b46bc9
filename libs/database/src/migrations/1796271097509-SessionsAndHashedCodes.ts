import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions that can be revoked, deactivated accounts, password resets; invitation codes stored hashed. */

export class SessionsAndHashedCodes1796271097509 implements MigrationInterface {
  name = 'SessionsAndHashedCodes1796271097509';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "invitations"
                RENAME COLUMN "code" TO "code_hash"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
                RENAME CONSTRAINT "UQ_dfcfae6af22931048ef73078418" TO "UQ_3eed502b8bf2cd7805e77353c66"
        `);
    // Codes already issued keep working: each is replaced by its SHA-256, as new ones are stored.
    await queryRunner.query(`
            UPDATE "invitations" SET "code_hash" = encode(sha256(convert_to("code_hash", 'UTF8')), 'hex')
        `);
    await queryRunner.query(`
            CREATE TABLE "password_resets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_323290a9239ad3d397ad78018ec" UNIQUE ("token_hash"),
                CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "active" boolean NOT NULL DEFAULT true
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "token_version" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "password_resets"
            ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  /** Hashed codes cannot be turned back: after a revert, invitations issued before it no longer redeem. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "password_resets" DROP CONSTRAINT "FK_f7a4c3bc48f24df007936d217be"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "token_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "active"
        `);
    await queryRunner.query(`
            DROP TABLE "password_resets"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
                RENAME CONSTRAINT "UQ_3eed502b8bf2cd7805e77353c66" TO "UQ_dfcfae6af22931048ef73078418"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitations"
                RENAME COLUMN "code_hash" TO "code"
        `);
  }
}
