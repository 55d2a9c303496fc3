import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StatisticsSecret1795992097653 implements MigrationInterface {
  name = 'StatisticsSecret1795992097653';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "statistics_secret" ("id" smallint NOT NULL, "secret" bytea NOT NULL, CONSTRAINT "PK_ba5fbc3f2db6020c2053d315cf3" PRIMARY KEY ("id"))',
    );
    // The partner's key for the cell-key method (shared statistics/cell-key.ts): made once, here,
    // and never changed, so the same records keep the same noise for the life of the data.
    await runner.query('INSERT INTO "statistics_secret" ("id", "secret") VALUES (1, $1)', [randomBytes(32)]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "statistics_secret"');
  }
}
