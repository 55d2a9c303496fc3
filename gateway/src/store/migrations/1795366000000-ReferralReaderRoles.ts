import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roles a referral's shared values were decided for (referral-recipient.ts): the provider's
 * staff see the values only under one of them. Referrals from before it were decided for the
 * provider's case workers alone, and say so.
 */
export class ReferralReaderRoles1795366000000 implements MigrationInterface {
  name = 'ReferralReaderRoles1795366000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE referrals ADD COLUMN shared_for_roles text[] NOT NULL DEFAULT '{CASEWORKER}'`);
    // Only the referrals there were say CASEWORKER; a row written later without its roles is shown to nobody.
    await runner.query(`ALTER TABLE referrals ALTER COLUMN shared_for_roles SET DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE referrals DROP COLUMN shared_for_roles');
  }
}
