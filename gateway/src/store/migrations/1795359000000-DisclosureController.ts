import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data controller of each disclosure record (docs/disclosure-log.md): the ngo partner holds
 * several charities' records, each its own controller, and a data protection officer's remit is
 * their own organisation's data. Nullable, and left null on the records written before: filling
 * it in would change what their hashes cover. The hash covers it only when present, so those
 * records keep their hashes; a DPO's scope never matches null, so only the audit panel sees them.
 * On the partitioned table, the column and the index reach every partition.
 */
export class DisclosureController1795359000000 implements MigrationInterface {
  name = 'DisclosureController1795359000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE disclosure_records ADD COLUMN controller_org text`);
    await runner.query('CREATE INDEX disclosure_records_by_controller ON disclosure_records (controller_org, occurred_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX disclosure_records_by_controller');
    await runner.query('ALTER TABLE disclosure_records DROP COLUMN controller_org');
  }
}
