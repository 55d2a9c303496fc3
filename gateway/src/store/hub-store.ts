import { createDataSource, DEMO_USERS, ensureDatabase, type Purpose } from '@hub/shared';
import type { DataSource } from 'typeorm';
import type { Approval } from '../policy/hub-request';
import { hubStoreSchema } from './hub-store-schema';

export interface ActiveSuspension {
  agreementId: string;
  suspendedBy: string;
  suspendedByOrg: string;
  reason: string;
  suspendedAt: string | Date;
}

/** What every request needs from the store, read in one round trip. */
export interface RequestState {
  approval: Approval | null;
  suspensions: ActiveSuspension[];
}

/**
 * The hub's own PostgreSQL database. Read on every request (no cache), so that a revoked
 * approval or a suspension takes effect on the very next request, on every gateway replica.
 */
export class HubStore {
  private constructor(readonly dataSource: DataSource) {}

  static async open(url: string, options: { createDatabase?: boolean } = {}): Promise<HubStore> {
    if (options.createDatabase) await ensureDatabase(url);
    const { dataSource } = createDataSource({ service: 'hub', url, ...hubStoreSchema });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    return new HubStore(dataSource);
  }

  async requestState(userId: string, today: string): Promise<RequestState> {
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT json_build_object('purposes', purposes, 'approvedBy', approved_by, 'expiresOn', expires_on)
            FROM approved_users
           WHERE user_id = $1 AND revoked_at IS NULL AND approved_on <= $2::date AND expires_on >= $2::date) AS approval,
         (SELECT coalesce(json_agg(json_build_object('agreementId', agreement_id, 'suspendedBy', suspended_by,
                   'suspendedByOrg', suspended_by_org, 'reason', reason, 'suspendedAt', suspended_at) ORDER BY id), '[]'::json)
            FROM agreement_suspensions WHERE lifted_at IS NULL) AS suspensions`,
      [userId, today],
    );
    return { approval: row.approval as Approval | null, suspensions: row.suspensions as ActiveSuspension[] };
  }

  async activeSuspensions(): Promise<ActiveSuspension[]> {
    return this.dataSource.query(
      `SELECT agreement_id AS "agreementId", suspended_by AS "suspendedBy", suspended_by_org AS "suspendedByOrg", reason,
              suspended_at AS "suspendedAt"
         FROM agreement_suspensions WHERE lifted_at IS NULL ORDER BY id`,
    );
  }

  /** Records a suspension (ISA 13.2); a second one while the first stands is refused. */
  async suspend(agreementId: string, by: { userId: string; org: string }, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [agreementId]);
      const [open] = await manager.query('SELECT 1 FROM agreement_suspensions WHERE agreement_id = $1 AND lifted_at IS NULL', [
        agreementId,
      ]);
      if (open) throw new Error(`${agreementId} is already suspended`);
      await manager.query(
        'INSERT INTO agreement_suspensions (agreement_id, suspended_by, suspended_by_org, reason) VALUES ($1, $2, $3, $4)',
        [agreementId, by.userId, by.org, reason],
      );
    });
  }

  /** Lifts the standing suspension; returns false when there was none. */
  async lift(agreementId: string, by: { userId: string }): Promise<boolean> {
    const result = await this.dataSource.query(
      'UPDATE agreement_suspensions SET lifted_by = $2, lifted_at = now() WHERE agreement_id = $1 AND lifted_at IS NULL RETURNING id',
      [agreementId, by.userId],
    );
    return (result[1] ?? result).length > 0;
  }

  async approve(
    userId: string,
    org: string,
    purposes: Purpose[],
    approvedBy: string,
    approvedOn: string,
    expiresOn: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO approved_users (user_id, org, purposes, approved_by, approved_on, expires_on) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id) DO UPDATE SET org = $2, purposes = $3, approved_by = $4, approved_on = $5, expires_on = $6, revoked_at = NULL`,
      [userId, org, purposes, approvedBy, approvedOn, expiresOn],
    );
  }

  async revoke(userId: string): Promise<void> {
    await this.dataSource.query('UPDATE approved_users SET revoked_at = now() WHERE user_id = $1', [userId]);
  }

  /** The demo registry: every demo user with an approval (police.unapproved has none). */
  async seedDemoApprovals(): Promise<void> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM approved_users');
    if (count > 0) return;
    for (const user of DEMO_USERS) {
      if (!user.approval) continue;
      const { purposes, approvedBy, approvedOn, expiresOn } = user.approval;
      await this.approve(user.id, user.org, purposes, approvedBy, approvedOn, expiresOn);
    }
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
