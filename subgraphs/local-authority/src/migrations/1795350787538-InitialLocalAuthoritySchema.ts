import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialLocalAuthoritySchema1795350787538 implements MigrationInterface {
  name = 'InitialLocalAuthoritySchema1795350787538';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "adult_social_care_cases" ("id" integer NOT NULL, "council_person_id" integer NOT NULL, "status" text NOT NULL, "opened_on" date NOT NULL, "primary_need" text NOT NULL, CONSTRAINT "PK_fd597efad5696171a2ef01ae416" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_93f0b8f7e19edc2c1e8ce64859" ON "adult_social_care_cases" ("council_person_id") ');
    await runner.query(
      'CREATE TABLE "children_social_care_cases" ("id" integer NOT NULL, "council_person_id" integer NOT NULL, "section47_enquiry" boolean NOT NULL, "status" text NOT NULL, "opened_on" date NOT NULL, "child_protection_plan" boolean NOT NULL, CONSTRAINT "PK_ec15f64357740f08451abb9712c" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_1658a57ddeda8eb98cc89faa1f" ON "children_social_care_cases" ("council_person_id") ');
    await runner.query(
      'CREATE TABLE "council_persons" ("id" integer NOT NULL, "subject_id" text NOT NULL, "case_ref" text, "date_of_birth" date, CONSTRAINT "PK_5d2405fdeb23a091f6d0c1c7300" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_3a343e1be75059a0435230901b" ON "council_persons" ("subject_id") ');
    await runner.query(
      'CREATE TABLE "council_person_names" ("id" integer NOT NULL, "council_person_id" integer NOT NULL, "full_name" text NOT NULL, "kind" text NOT NULL, CONSTRAINT "PK_5bbcdbd57bfd8fe77a504c27697" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_c9b67eeb26144633489f045a8b" ON "council_person_names" ("council_person_id") ');
    await runner.query(
      'CREATE TABLE "hmo_licences" ("id" integer NOT NULL, "uprn" text NOT NULL, "landlord_subject_id" text, "licensed" boolean NOT NULL, "licence_number" text, "max_occupants" smallint, "expires_on" date, CONSTRAINT "PK_c99adc76736e8982ab88aa4d692" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_fd16ce8224359a3bb2ba8889d5" ON "hmo_licences" ("uprn") ');
    await runner.query('CREATE INDEX "IDX_f2adc267c056617cbd9d9cf80f" ON "hmo_licences" ("landlord_subject_id") ');
    await runner.query(
      'CREATE TABLE "housing_records" ("id" integer NOT NULL, "council_person_id" integer NOT NULL, "uprn" text, "address_line1" text, "address_postcode" text, "address_restricted" boolean NOT NULL DEFAULT false, "tenure" text NOT NULL, "homelessness" boolean NOT NULL, CONSTRAINT "PK_92dcdc8284b4c669b6e6f0a094a" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_2327d86dc34cf88979d99040ef" ON "housing_records" ("council_person_id") ');
    await runner.query(
      'CREATE TABLE "premises_licences" ("id" integer NOT NULL, "uprn" text NOT NULL, "kind" text NOT NULL, "licensee" text NOT NULL, "valid_until" date NOT NULL, CONSTRAINT "PK_3995fbd43bfd13ac9ab961ae8f3" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_3c71234d28d67f1690d50c3252" ON "premises_licences" ("uprn") ');
    await runner.query(
      'CREATE TABLE "property_inspections" ("id" integer NOT NULL, "uprn" text NOT NULL, "inspected_on" date NOT NULL, "occupants_counted" smallint NOT NULL, CONSTRAINT "PK_de00d8876219e2a9f2d7b865ea7" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_c20169a1b91d859cbc54dcf87c" ON "property_inspections" ("uprn") ');
    await runner.query(
      'CREATE TABLE "reception_centres" ("id" integer NOT NULL, "service_id" text NOT NULL, "local_authority_area" text NOT NULL, "beds_total" smallint NOT NULL, "beds_available" smallint NOT NULL, "accepts_children" boolean NOT NULL, CONSTRAINT "PK_d8293e4835e24a3c6c20963c4d9" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_84fb31f65d56b4e48eec6c8373" ON "reception_centres" ("service_id") ');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "public"."IDX_84fb31f65d56b4e48eec6c8373"');
    await runner.query('DROP TABLE "reception_centres"');
    await runner.query('DROP INDEX "public"."IDX_c20169a1b91d859cbc54dcf87c"');
    await runner.query('DROP TABLE "property_inspections"');
    await runner.query('DROP INDEX "public"."IDX_3c71234d28d67f1690d50c3252"');
    await runner.query('DROP TABLE "premises_licences"');
    await runner.query('DROP INDEX "public"."IDX_2327d86dc34cf88979d99040ef"');
    await runner.query('DROP TABLE "housing_records"');
    await runner.query('DROP INDEX "public"."IDX_f2adc267c056617cbd9d9cf80f"');
    await runner.query('DROP INDEX "public"."IDX_fd16ce8224359a3bb2ba8889d5"');
    await runner.query('DROP TABLE "hmo_licences"');
    await runner.query('DROP INDEX "public"."IDX_c9b67eeb26144633489f045a8b"');
    await runner.query('DROP TABLE "council_person_names"');
    await runner.query('DROP INDEX "public"."IDX_3a343e1be75059a0435230901b"');
    await runner.query('DROP TABLE "council_persons"');
    await runner.query('DROP INDEX "public"."IDX_1658a57ddeda8eb98cc89faa1f"');
    await runner.query('DROP TABLE "children_social_care_cases"');
    await runner.query('DROP INDEX "public"."IDX_93f0b8f7e19edc2c1e8ce64859"');
    await runner.query('DROP TABLE "adult_social_care_cases"');
  }
}
