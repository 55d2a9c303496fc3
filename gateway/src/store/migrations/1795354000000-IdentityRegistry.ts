import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry, not the token, says who a user is (docs/architecture.md#identity): an approval is keyed by
 * (issuer, subject) and records the user's roles. Approvals made before were all for the dev
 * issuer's demo users; their roles are filled in by the demo seeding, and any other entry
 * without roles confirms nobody until its representative approves the user again.
 */
export class IdentityRegistry1795354000000 implements MigrationInterface {
  name = 'IdentityRegistry1795354000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "approved_users" ADD COLUMN "issuer" text`);
    await runner.query(`ALTER TABLE "approved_users" ADD COLUMN "roles" text array`);
    await runner.query(`UPDATE "approved_users" SET "issuer" = 'partner-hub-dev'`);
    await runner.query(`ALTER TABLE "approved_users" ALTER COLUMN "issuer" SET NOT NULL`);
    await runner.query(`ALTER TABLE "approved_users" DROP CONSTRAINT "PK_45a4eb58efd9424cd0b9a116731"`);
    await runner.query(`ALTER TABLE "approved_users" ADD CONSTRAINT "PK_approved_users_issuer_user" PRIMARY KEY ("issuer", "user_id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "approved_users" DROP CONSTRAINT "PK_approved_users_issuer_user"`);
    await runner.query(`DELETE FROM "approved_users" WHERE "issuer" <> 'partner-hub-dev'`);
    await runner.query(`ALTER TABLE "approved_users" ADD CONSTRAINT "PK_45a4eb58efd9424cd0b9a116731" PRIMARY KEY ("user_id")`);
    await runner.query(`ALTER TABLE "approved_users" DROP COLUMN "roles"`);
    await runner.query(`ALTER TABLE "approved_users" DROP COLUMN "issuer"`);
  }
}
