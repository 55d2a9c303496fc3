import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ISA 13.2 lets each party suspend the arrangements: a suspension is a party's own, standing until
 * that party lifts it. At most one stands per agreement and party; another party's stands beside
 * it. Before this, one standing suspension per agreement was enforced in code alone, so there is
 * nothing to reconcile: every agreement has at most one, and so at most one per party.
 */
export class OneSuspensionPerParty1795367000000 implements MigrationInterface {
  name = 'OneSuspensionPerParty1795367000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE UNIQUE INDEX agreement_suspensions_one_standing_per_party ON agreement_suspensions (agreement_id, suspended_by_org) WHERE lifted_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX agreement_suspensions_one_standing_per_party');
  }
}
