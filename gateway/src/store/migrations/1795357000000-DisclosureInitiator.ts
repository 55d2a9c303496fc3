import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who made a disclosure happen when its recipient did not ask (docs/disclosure-log.md): a
 * referral is received by the provider organisation but made by the referrer, and an auditor
 * must be able to list disclosures by the user and organisation that referred. Nullable, both or
 * neither; the hash covers them only when present, so records written before keep their hashes.
 */
export class DisclosureInitiator1795357000000 implements MigrationInterface {
  name = 'DisclosureInitiator1795357000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE disclosure_records ADD COLUMN initiator_id text, ADD COLUMN initiator_org text`);
    await runner.query(
      `ALTER TABLE disclosure_records ADD CONSTRAINT disclosure_records_initiator_whole CHECK ((initiator_id IS NULL) = (initiator_org IS NULL))`,
    );
    await runner.query('CREATE INDEX disclosure_records_by_initiator ON disclosure_records (initiator_id, occurred_at DESC)');
    await runner.query('CREATE INDEX disclosure_records_by_initiator_org ON disclosure_records (initiator_org, occurred_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX disclosure_records_by_initiator_org');
    await runner.query('DROP INDEX disclosure_records_by_initiator');
    await runner.query('ALTER TABLE disclosure_records DROP CONSTRAINT disclosure_records_initiator_whole');
    await runner.query('ALTER TABLE disclosure_records DROP COLUMN initiator_org, DROP COLUMN initiator_id');
  }
}
