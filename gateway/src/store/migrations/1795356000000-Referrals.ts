import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals to services of the directory (docs/sources.md, the newsletter's directory): the hub's record of who referred
 * whom to which service, what was shared with the provider, and the provider's decision. The place
 * itself is held in the partner that runs the service (its `referral_holds`); this row names the
 * hold by its key. A row is `OPENING` only while the hub reserves the place and records the
 * disclosure; a failed attempt deletes it, so a retry with the same key starts afresh.
 */
export class Referrals1795356000000 implements MigrationInterface {
  name = 'Referrals1795356000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SEQUENCE referral_numbers');
    await runner.query(`
      CREATE TABLE referrals (
        id text PRIMARY KEY,
        created_at timestamptz NOT NULL,
        referrer_issuer text NOT NULL,
        referrer_id text NOT NULL,
        referrer_org text NOT NULL,
        idempotency_key text NOT NULL,
        subject_id text NOT NULL,
        service_id text NOT NULL,
        provider_org text NOT NULL,
        operator text NOT NULL,
        purpose text NOT NULL,
        case_ref text NOT NULL,
        shared_fields text[] NOT NULL,
        shared_values text,
        needs text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('OPENING', 'PENDING', 'ACCEPTED', 'DECLINED')),
        hold_key text NOT NULL,
        hold_expires_at timestamptz,
        decided_by text,
        decided_org text,
        decided_at timestamptz,
        decided_reason text,
        UNIQUE (referrer_issuer, referrer_id, idempotency_key)
      )`);
    await runner.query('CREATE INDEX referrals_by_provider ON referrals (provider_org, id DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE referrals');
    await runner.query('DROP SEQUENCE referral_numbers');
  }
}
