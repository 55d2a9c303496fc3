import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Information request ids are random (gateway/src/workflows/workflow-id.ts), as referral ids
 * became in RandomReferralIds: a requester could count the hub's requests from sequential ones.
 * The sequence that numbered them goes; the lists order by creation time, with the id breaking
 * ties, which the existing indexes by requester and by organisation already end in.
 */
export class RandomRequestIds1795363000000 implements MigrationInterface {
  name = 'RandomRequestIds1795363000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SEQUENCE information_request_numbers');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SEQUENCE information_request_numbers');
  }
}
