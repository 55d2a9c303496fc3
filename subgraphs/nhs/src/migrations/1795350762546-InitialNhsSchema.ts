import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialNhsSchema1795350762546 implements MigrationInterface {
  name = 'InitialNhsSchema1795350762546';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "attendances" ("id" integer NOT NULL, "patient_id" integer NOT NULL, "attended_on" date NOT NULL, "site" text NOT NULL, "kind" text NOT NULL, "exploitation_indicators" text array NOT NULL, CONSTRAINT "PK_483ed97cd4cd43ab4a117516b69" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_90631909eedc15c334118f5168" ON "attendances" ("patient_id") ');
    await runner.query(
      'CREATE TABLE "clinical_notes" ("id" integer NOT NULL, "attendance_id" integer NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_590ad4cecf429ecc12e8202cbb4" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_467ba8693eb35c4fcf1e30e3ab" ON "clinical_notes" ("attendance_id") ');
    await runner.query(
      'CREATE TABLE "health_services" ("id" integer NOT NULL, "service_id" text NOT NULL, "clinic_type" text NOT NULL, "accepts_unregistered_patients" boolean NOT NULL, "interpreter_available" boolean NOT NULL, "weekly_slots" integer NOT NULL, "slots_available" integer NOT NULL, CONSTRAINT "PK_f5e71039d55f832c22086fb78c5" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_7429fb921ba90ad9d2c52e214a" ON "health_services" ("service_id") ');
    await runner.query(
      'CREATE TABLE "patients" ("id" integer NOT NULL, "subject_id" text NOT NULL, "nhs_number" text NOT NULL, "date_of_birth" date, CONSTRAINT "PK_a7f0b9fcbb3469d5ec0b0aceaa7" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_42d73f32ff003c59df2ccce496" ON "patients" ("subject_id") ');
    await runner.query('CREATE UNIQUE INDEX "IDX_1a3a8b9d6ad4ef9769aea6800e" ON "patients" ("nhs_number") ');
    await runner.query(
      'CREATE TABLE "patient_names" ("id" integer NOT NULL, "patient_id" integer NOT NULL, "full_name" text NOT NULL, "kind" text NOT NULL, CONSTRAINT "PK_e50bd12cb4ad906373cf52b5f5c" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_7e0431a4d12534be3110ebb595" ON "patient_names" ("patient_id") ');
    await runner.query(
      'CREATE TABLE "safeguarding_flags" ("id" integer NOT NULL, "patient_id" integer NOT NULL, "kind" text NOT NULL, "raised_on" date NOT NULL, "active" boolean NOT NULL DEFAULT true, "raised_by" text NOT NULL, CONSTRAINT "PK_e56b0c7e2652f7e347c3ca19df2" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_f59ff60852ebecfb30c2820d02" ON "safeguarding_flags" ("patient_id") ');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "public"."IDX_f59ff60852ebecfb30c2820d02"');
    await runner.query('DROP TABLE "safeguarding_flags"');
    await runner.query('DROP INDEX "public"."IDX_7e0431a4d12534be3110ebb595"');
    await runner.query('DROP TABLE "patient_names"');
    await runner.query('DROP INDEX "public"."IDX_1a3a8b9d6ad4ef9769aea6800e"');
    await runner.query('DROP INDEX "public"."IDX_42d73f32ff003c59df2ccce496"');
    await runner.query('DROP TABLE "patients"');
    await runner.query('DROP INDEX "public"."IDX_7429fb921ba90ad9d2c52e214a"');
    await runner.query('DROP TABLE "health_services"');
    await runner.query('DROP INDEX "public"."IDX_467ba8693eb35c4fcf1e30e3ab"');
    await runner.query('DROP TABLE "clinical_notes"');
    await runner.query('DROP INDEX "public"."IDX_90631909eedc15c334118f5168"');
    await runner.query('DROP TABLE "attendances"');
  }
}
