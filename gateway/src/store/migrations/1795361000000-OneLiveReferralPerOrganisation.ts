import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One live referral per (subject, service, referrer organisation) (docs/policy.md §8), in place of
 * one per (subject, service). The old guard refused a referrer because another organisation's
 * referral was pending, so the refusal itself said "pending elsewhere"; what it guarded against
 * is one organisation holding several places for one person, which this index still refuses,
 * by the database, however many attempts arrive at once. Two organisations' referrals both go to
 * the provider, who sees both and decides.
 */
export class OneLiveReferralPerOrganisation1795361000000 implements MigrationInterface {
  name = 'OneLiveReferralPerOrganisation1795361000000';

  async up(runner: QueryRunner): Promise<void> {
    // Every live row already satisfies the narrower key (at most one per subject and service).
    await runner.query(
      'CREATE UNIQUE INDEX referrals_one_live_per_subject_service_org ON referrals (subject_id, service_id, referrer_org) WHERE live',
    );
    await runner.query('DROP INDEX referrals_one_live_per_subject_service');
  }

  async down(runner: QueryRunner): Promise<void> {
    // Two organisations may now both be live for a pair: the newest stays live, as the first guard did.
    await runner.query(`
      UPDATE referrals r SET live = false
       WHERE r.live AND EXISTS (
         SELECT 1 FROM referrals n
          WHERE n.live AND n.subject_id = r.subject_id AND n.service_id = r.service_id AND (n.created_at, n.id) > (r.created_at, r.id))`);
    await runner.query('CREATE UNIQUE INDEX referrals_one_live_per_subject_service ON referrals (subject_id, service_id) WHERE live');
    await runner.query('DROP INDEX referrals_one_live_per_subject_service_org');
  }
}
