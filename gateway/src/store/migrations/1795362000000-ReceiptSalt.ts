import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each disclosure log writer's receipt salt (gateway/src/audit/disclosure-log.ts): a random value
 * in every receipt's commitment, kept beside the writer's head so that an auditor can recompute
 * a commitment from the log, and never shown to a client, who therefore cannot work out the
 * commitment of a response that made no records. Writers from before it have none (their
 * receipts were made without one).
 */
export class ReceiptSalt1795362000000 implements MigrationInterface {
  name = 'ReceiptSalt1795362000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE log_writers ADD COLUMN receipt_salt text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE log_writers DROP COLUMN receipt_salt');
  }
}
