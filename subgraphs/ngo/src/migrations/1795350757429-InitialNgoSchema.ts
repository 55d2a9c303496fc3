import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialNgoSchema1795350757429 implements MigrationInterface {
  name = 'InitialNgoSchema1795350757429';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "consent_records" ("id" integer NOT NULL, "episode_id" integer NOT NULL, "recipients" text array NOT NULL, "recorded_on" date NOT NULL, "scope" text NOT NULL, CONSTRAINT "PK_030be152eaa44998166470b2ccc" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_eb95060497f485af199c8791a4" ON "consent_records" ("episode_id") ');
    await runner.query(
      'CREATE TABLE "support_episodes" ("id" integer NOT NULL, "subject_id" text NOT NULL, "provider_org" text NOT NULL, "service_id" text NOT NULL, "started_on" date NOT NULL, "ended_on" date, "status" text NOT NULL, CONSTRAINT "PK_f054da17188e47e0d72958cc2c5" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_48b29046754cd3b2e6de9e0fcc" ON "support_episodes" ("subject_id") ');
    await runner.query('CREATE INDEX "IDX_22321cf8a1d593b732d5d8c9ad" ON "support_episodes" ("service_id", "status") ');
    await runner.query(
      'CREATE TABLE "support_services" ("id" text NOT NULL, "name" text NOT NULL, "provider_org" text NOT NULL, "operator" text NOT NULL, "service_type" text NOT NULL, "min_age" smallint, "max_age" smallint, "genders" text array NOT NULL, "nrm_stages" text array NOT NULL, "languages" text array NOT NULL, "requirements" text array NOT NULL, "capacity_total" integer NOT NULL, "coverage" text array NOT NULL, "referral_route" text NOT NULL, CONSTRAINT "PK_934f42c39e0efbc2af0da794c13" PRIMARY KEY ("id"))',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "support_services"');
    await runner.query('DROP INDEX "public"."IDX_22321cf8a1d593b732d5d8c9ad"');
    await runner.query('DROP INDEX "public"."IDX_48b29046754cd3b2e6de9e0fcc"');
    await runner.query('DROP TABLE "support_episodes"');
    await runner.query('DROP INDEX "public"."IDX_eb95060497f485af199c8791a4"');
    await runner.query('DROP TABLE "consent_records"');
  }
}
