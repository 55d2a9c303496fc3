import { REFERRAL_HOLDS_SQL } from '@hub/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referral holds: places this partner reserves for referrals to the services it runs (shared referrals/place-holds.ts). */
export class ReferralHolds1796000000003 implements MigrationInterface {
  name = 'ReferralHolds1796000000003';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of REFERRAL_HOLDS_SQL) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE referral_holds');
  }
}
