import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One live referral per (subject, service) (docs/policy.md §8): a referral is `live` while it is
 * being opened or pending with its hold running, and a partial unique index lets the database,
 * not a read-then-write check, refuse a second one however many arrive at once. A referral stops
 * being live when it is decided or its hold is found ended (the next referral of the pair clears it).
 */
export class OneLiveReferral1795358000000 implements MigrationInterface {
  name = 'OneLiveReferral1795358000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE referrals ADD COLUMN live boolean NOT NULL DEFAULT false');
    // Referrals made before the guard may already hold places twice over: the newest of each pair stays live.
    await runner.query(`
      UPDATE referrals SET live = true WHERE id IN (
        SELECT max(id) FROM referrals
         WHERE status IN ('OPENING', 'PENDING') AND (hold_expires_at IS NULL OR hold_expires_at > now())
         GROUP BY subject_id, service_id)`);
    await runner.query('CREATE UNIQUE INDEX referrals_one_live_per_subject_service ON referrals (subject_id, service_id) WHERE live');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX referrals_one_live_per_subject_service');
    await runner.query('ALTER TABLE referrals DROP COLUMN live');
  }
}
