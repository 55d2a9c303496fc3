import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initiator columns are set only on disclosures a recipient did not ask for (referrals), so
 * nearly every record has them null — yet each record still added an entry to both indexes. Every
 * response writes about two records per subject, so those entries were a fifth of the log's index
 * work. Partial indexes hold only the records that name an initiator; an auditor's filter
 * (`initiator_id = $1`, `initiator_org = $1`) implies IS NOT NULL, so PostgreSQL still uses them.
 * The build is quick for the same reason: it reads every record but keeps few.
 */
export class PartialInitiatorIndexes1795364000000 implements MigrationInterface {
  name = 'PartialInitiatorIndexes1795364000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX disclosure_records_by_initiator');
    await runner.query('DROP INDEX disclosure_records_by_initiator_org');
    await runner.query(
      'CREATE INDEX disclosure_records_by_initiator ON disclosure_records (initiator_id, occurred_at DESC) WHERE initiator_id IS NOT NULL',
    );
    await runner.query(
      'CREATE INDEX disclosure_records_by_initiator_org ON disclosure_records (initiator_org, occurred_at DESC) WHERE initiator_org IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX disclosure_records_by_initiator_org');
    await runner.query('DROP INDEX disclosure_records_by_initiator');
    await runner.query('CREATE INDEX disclosure_records_by_initiator ON disclosure_records (initiator_id, occurred_at DESC)');
    await runner.query('CREATE INDEX disclosure_records_by_initiator_org ON disclosure_records (initiator_org, occurred_at DESC)');
  }
}
