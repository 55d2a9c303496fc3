import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialPoliceSchema1795350575233 implements MigrationInterface {
  name = 'InitialPoliceSchema1795350575233';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "court_orders" ("id" integer NOT NULL, "nominal_id" integer NOT NULL, "type" text NOT NULL, "made_on" date NOT NULL, "expires_on" date, CONSTRAINT "PK_decf0d12fd09df2e18c0df7644f" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_39a786dd93fefb4ed1a4f28ec6" ON "court_orders" ("nominal_id") ');
    await runner.query(
      'CREATE TABLE "intelligence_reports" ("id" integer NOT NULL, "nominal_id" integer, "uprn" text, "reported_on" date NOT NULL, "source_grade" smallint NOT NULL, "intel_grade" text NOT NULL, "handling_code" text NOT NULL, "summary" text NOT NULL, CONSTRAINT "PK_c179135e834e7afa6371aa14477" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_96c8efbec60b0a906920ecad79" ON "intelligence_reports" ("nominal_id") ');
    await runner.query('CREATE INDEX "IDX_624646225b5e8cd8e862823283" ON "intelligence_reports" ("uprn") ');
    await runner.query(
      'CREATE TABLE "locations_of_concern" ("uprn" text NOT NULL, "reason" text NOT NULL, "flagged_on" date NOT NULL, CONSTRAINT "PK_e1abf2d1a4e65f792b7907a7a7c" PRIMARY KEY ("uprn"))',
    );
    await runner.query(
      'CREATE TABLE "nominals" ("id" integer NOT NULL, "subject_id" text NOT NULL, "pnc_id" text, "date_of_birth" date, "nationality" text, "gender" text, "pvot_marker" boolean NOT NULL DEFAULT false, "current_uprn" text, "address_line1" text, "address_postcode" text, "address_restricted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_c437151c2f8405dbb404de819a9" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE UNIQUE INDEX "IDX_662108cff8ae74193cfd51a017" ON "nominals" ("subject_id") ');
    await runner.query('CREATE INDEX "IDX_676b1254f1e1f5e9fd651c4e26" ON "nominals" ("current_uprn") ');
    await runner.query(
      'CREATE TABLE "nominal_names" ("id" integer NOT NULL, "nominal_id" integer NOT NULL, "full_name" text NOT NULL, "kind" text NOT NULL, CONSTRAINT "PK_f429b14fbe301f91013fa1f5de0" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_eeab30d440cf5be35b585458da" ON "nominal_names" ("nominal_id") ');
    await runner.query(
      'CREATE TABLE "nrm_referrals" ("id" integer NOT NULL, "nominal_id" integer NOT NULL, "referred_on" date NOT NULL, "exploitation_types" text array NOT NULL, "reasonable_grounds" text NOT NULL, "conclusive_grounds" text NOT NULL, CONSTRAINT "PK_3a8864b9f6f7b016eca916f4976" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_5a87fef3057e9cfb51e269adb5" ON "nrm_referrals" ("nominal_id") ');
    await runner.query(
      'CREATE TABLE "role_assignments" ("id" integer NOT NULL, "nominal_id" integer NOT NULL, "role" text NOT NULL, "recorded_on" date NOT NULL, "operation_name" text, CONSTRAINT "PK_fc2df9835ac1d2a34839f113783" PRIMARY KEY ("id"))',
    );
    await runner.query('CREATE INDEX "IDX_5f43f074adbc8e6a9785e3898b" ON "role_assignments" ("nominal_id") ');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "public"."IDX_5f43f074adbc8e6a9785e3898b"');
    await runner.query('DROP TABLE "role_assignments"');
    await runner.query('DROP INDEX "public"."IDX_5a87fef3057e9cfb51e269adb5"');
    await runner.query('DROP TABLE "nrm_referrals"');
    await runner.query('DROP INDEX "public"."IDX_eeab30d440cf5be35b585458da"');
    await runner.query('DROP TABLE "nominal_names"');
    await runner.query('DROP INDEX "public"."IDX_676b1254f1e1f5e9fd651c4e26"');
    await runner.query('DROP INDEX "public"."IDX_662108cff8ae74193cfd51a017"');
    await runner.query('DROP TABLE "nominals"');
    await runner.query('DROP TABLE "locations_of_concern"');
    await runner.query('DROP INDEX "public"."IDX_624646225b5e8cd8e862823283"');
    await runner.query('DROP INDEX "public"."IDX_96c8efbec60b0a906920ecad79"');
    await runner.query('DROP TABLE "intelligence_reports"');
    await runner.query('DROP INDEX "public"."IDX_39a786dd93fefb4ed1a4f28ec6"');
    await runner.query('DROP TABLE "court_orders"');
  }
}
