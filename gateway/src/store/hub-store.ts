import { createDataSource, DEMO_USERS, ensureDatabase, trackDataSourcePool, type Purpose, type Role } from '@hub/shared';
import type { DataSource } from 'typeorm';
import type { Registration } from '../identity/registry-identity';
import type { Approval } from '../policy/hub-request';
import { hubStoreSchema } from './hub-store-schema';

export interface ActiveSuspension {
  agreementId: string;
  suspendedBy: string;
  suspendedByOrg: string;
  reason: string;
  suspendedAt: string | Date;
}

/** One user's entry in the registry, as a representative approves it. */
export interface RegistryEntry {
  issuer: string;
  userId: string;
  org: string;
  roles: Role[];
  purposes: Purpose[];
  approvedBy: string;
  approvedOn: string;
  expiresOn: string;
}

/** What every request needs from the store, read in one round trip. */
export interface RequestState {
  /** Who the registry says the user is (whether or not the approval is current); null if unknown. */
  registration: Registration | null;
  /** The approval, if it is current: started, not expired, not revoked, with roles on record. */
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
    trackDataSourcePool('hub', dataSource);
    return new HubStore(dataSource);
  }

  /** The user is (issuer, subject): the same id from another issuer is another person. */
  async requestState(issuer: string, userId: string, today: string): Promise<RequestState> {
    const [row] = await this.dataSource.query(
      `SELECT
         (SELECT json_build_object('org', org, 'roles', roles,
                   'approval', CASE WHEN revoked_at IS NULL AND roles IS NOT NULL AND approved_on <= $3::date AND expires_on >= $3::date
                     THEN json_build_object('purposes', purposes, 'approvedBy', approved_by, 'expiresOn', expires_on) END)
            FROM approved_users WHERE issuer = $1 AND user_id = $2) AS registry,
         (SELECT coalesce(json_agg(json_build_object('agreementId', agreement_id, 'suspendedBy', suspended_by,
                   'suspendedByOrg', suspended_by_org, 'reason', reason, 'suspendedAt', suspended_at) ORDER BY id), '[]'::json)
            FROM agreement_suspensions WHERE lifted_at IS NULL) AS suspensions`,
      [issuer, userId, today],
    );
    const registry = row.registry as { org: string; roles: Role[] | null; approval: Approval | null } | null;
    return {
      registration: registry ? { org: registry.org, roles: registry.roles } : null,
      approval: registry?.approval ?? null,
      suspensions: row.suspensions as ActiveSuspension[],
    };
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

  async approve(entry: RegistryEntry): Promise<void> {
    const { issuer, userId, org, roles, purposes, approvedBy, approvedOn, expiresOn } = entry;
    await this.dataSource.query(
      `INSERT INTO approved_users (issuer, user_id, org, roles, purposes, approved_by, approved_on, expires_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (issuer, user_id) DO UPDATE
         SET org = $3, roles = $4, purposes = $5, approved_by = $6, approved_on = $7, expires_on = $8, revoked_at = NULL`,
      [issuer, userId, org, roles, purposes, approvedBy, approvedOn, expiresOn],
    );
  }

  async revoke(issuer: string, userId: string): Promise<void> {
    await this.dataSource.query('UPDATE approved_users SET revoked_at = now() WHERE issuer = $1 AND user_id = $2', [issuer, userId]);
  }

  /**
   * The demo registry, vouched for by the dev issuer: every demo user with an approval
   * (police.unapproved has none). Fills in the roles of demo entries made before roles were kept.
   */
  async seedDemoApprovals(devIssuer: string): Promise<void> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM approved_users');
    for (const user of DEMO_USERS) {
      if (!user.approval) continue;
      if (count === 0) await this.approve({ issuer: devIssuer, userId: user.id, org: user.org, roles: user.roles, ...user.approval });
      else
        await this.dataSource.query('UPDATE approved_users SET roles = $3 WHERE issuer = $1 AND user_id = $2 AND roles IS NULL', [
          devIssuer,
          user.id,
          user.roles,
        ]);
    }
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
