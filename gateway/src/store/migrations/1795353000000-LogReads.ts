import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads of the disclosure log. Looking up the records about a subject is itself processing of
 * personal data (it shows the subject is of interest), so the joint audit panel can see who read
 * the log, about whom, for what.
 */
export class LogReads1795353000000 implements MigrationInterface {
  name = 'LogReads1795353000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE log_reads (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        request_id text NOT NULL,
        reader_id text NOT NULL,
        reader_org text NOT NULL,
        reader_roles text[] NOT NULL,
        query text NOT NULL,
        arguments_json text NOT NULL,
        records_returned integer NOT NULL,
        subject_ids text[] NOT NULL
      )`);
    await runner.query('CREATE INDEX log_reads_by_time ON log_reads (occurred_at DESC)');
    await runner.query('CREATE INDEX log_reads_by_subject ON log_reads USING gin (subject_ids)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE log_reads');
  }
}
