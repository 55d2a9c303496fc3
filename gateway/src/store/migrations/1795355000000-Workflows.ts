import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agreement's own workflows (ISA 2.5, Appendix 2; ISA 6.4, 9.4): information requests with
 * their owners' decisions, and user approvals by representatives. Every state change is an event
 * in `workflow_events`, one hash chain (its head sits in `log_writers` as writer `workflow`, so
 * the log's signed checkpoints vouch for it and `audit verify` checks it). The other tables are
 * the current state, written in the same transaction as the event.
 */
export class Workflows1795355000000 implements MigrationInterface {
  name = 'Workflows1795355000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE workflow_events (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        stream text NOT NULL,
        ref text NOT NULL,
        action text NOT NULL,
        actor_issuer text NOT NULL,
        actor_id text NOT NULL,
        actor_org text NOT NULL,
        payload text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await runner.query('CREATE INDEX workflow_events_by_ref ON workflow_events (stream, ref, seq)');
    await runner.query('CREATE SEQUENCE information_request_numbers');
    await runner.query(`
      CREATE TABLE information_requests (
        id text PRIMARY KEY,
        created_at timestamptz NOT NULL,
        requester_issuer text NOT NULL,
        requester_id text NOT NULL,
        requester_org text NOT NULL,
        declared_name text NOT NULL,
        declared_role text NOT NULL,
        subject_id text NOT NULL,
        purpose text NOT NULL,
        lawful_basis text NOT NULL,
        case_ref text NOT NULL,
        reason text NOT NULL,
        tipping_off boolean NOT NULL,
        tipping_off_reason text,
        withdrawn_at timestamptz
      )`);
    await runner.query(
      'CREATE INDEX information_requests_by_requester ON information_requests (requester_issuer, requester_id, created_at DESC)',
    );
    await runner.query('CREATE INDEX information_requests_by_org ON information_requests (requester_org, created_at DESC)');
    await runner.query(`
      CREATE TABLE information_request_parts (
        request_id text NOT NULL REFERENCES information_requests (id),
        owner text NOT NULL,
        fields text[] NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        disclosed_fields text[],
        expires_at timestamptz,
        reason text,
        decided_by text,
        decided_org text,
        decided_at timestamptz,
        PRIMARY KEY (request_id, owner)
      )`);
    await runner.query('CREATE INDEX information_request_parts_by_owner ON information_request_parts (owner, status)');
    await runner.query('ALTER TABLE approved_users ADD COLUMN name text');
    await runner.query('ALTER TABLE approved_users ADD COLUMN revoked_by text');
    await runner.query('ALTER TABLE approved_users ADD COLUMN revoke_reason text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE approved_users DROP COLUMN revoke_reason');
    await runner.query('ALTER TABLE approved_users DROP COLUMN revoked_by');
    await runner.query('ALTER TABLE approved_users DROP COLUMN name');
    await runner.query('DROP TABLE information_request_parts');
    await runner.query('DROP TABLE information_requests');
    await runner.query('DROP SEQUENCE information_request_numbers');
    await runner.query('DROP TABLE workflow_events');
    await runner.query(`DELETE FROM log_writers WHERE writer_id = 'workflow'`);
  }
}
