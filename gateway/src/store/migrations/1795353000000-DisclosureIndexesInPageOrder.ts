import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auditors' pages are ordered (occurred_at, writer_id, seq) newest first, so that a cursor
 * never skips or repeats a record. The first indexes stopped at occurred_at, which left
 * PostgreSQL an incremental sort over every partition for the ties; indexes in the full page
 * order let a LIMIT stop after the page's rows.
 */
export class DisclosureIndexesInPageOrder1795353000000 implements MigrationInterface {
  name = 'DisclosureIndexesInPageOrder1795353000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const column of ['subject', 'requester', 'org', 'owner']) {
      await runner.query(`DROP INDEX disclosure_records_by_${column}`);
    }
    await runner.query('CREATE INDEX disclosure_records_by_subject ON disclosure_records (subject_id, occurred_at DESC, writer_id DESC, seq DESC)');
    await runner.query('CREATE INDEX disclosure_records_by_requester ON disclosure_records (requester_id, occurred_at DESC, writer_id DESC, seq DESC)');
    await runner.query('CREATE INDEX disclosure_records_by_org ON disclosure_records (requester_org, occurred_at DESC, writer_id DESC, seq DESC)');
    await runner.query('CREATE INDEX disclosure_records_by_owner ON disclosure_records (owner, occurred_at DESC, writer_id DESC, seq DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [name, column] of [['subject', 'subject_id'], ['requester', 'requester_id'], ['org', 'requester_org'], ['owner', 'owner']]) {
      await runner.query(`DROP INDEX disclosure_records_by_${name}`);
      await runner.query(`CREATE INDEX disclosure_records_by_${name} ON disclosure_records (${column}, occurred_at DESC)`);
    }
  }
}
