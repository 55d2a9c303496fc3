import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral ids are random (gateway/src/workflows/workflow-id.ts), so a referrer cannot
 * count the hub's attempts from them: the sequence that numbered them goes, and the lists that
 * ordered by id (newest first) order by creation time, with the id breaking ties.
 */
export class RandomReferralIds1795360000000 implements MigrationInterface {
  name = 'RandomReferralIds1795360000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX referrals_by_provider');
    await runner.query('CREATE INDEX referrals_by_provider ON referrals (provider_org, created_at DESC, id DESC)');
    await runner.query('CREATE INDEX referrals_by_referrer ON referrals (referrer_issuer, referrer_id, created_at DESC, id DESC)');
    await runner.query('DROP SEQUENCE referral_numbers');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SEQUENCE referral_numbers');
    await runner.query('DROP INDEX referrals_by_referrer');
    await runner.query('DROP INDEX referrals_by_provider');
    await runner.query('CREATE INDEX referrals_by_provider ON referrals (provider_org, id DESC)');
  }
}
