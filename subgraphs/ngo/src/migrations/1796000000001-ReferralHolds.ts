import { REFERRAL_HOLDS_SQL } from '@hub/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referral holds: places this partner reserves for referrals to the services it runs (shared referrals/place-holds.ts). */
export class ReferralHolds1796000000001 implements MigrationInterface {
  name = 'ReferralHolds1796000000001';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of REFERRAL_HOLDS_SQL) await runner.query(statement);
    // Places free when the provider has said so (or a referral took one); null: total − active episodes, as before.
    await runner.query('ALTER TABLE "support_services" ADD "places_free" integer');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "support_services" DROP COLUMN "places_free"');
    await runner.query('DROP TABLE referral_holds');
  }
}
