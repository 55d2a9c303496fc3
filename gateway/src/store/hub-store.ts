import {
  createDataSource,
  DEMO_USERS,
  ensureDatabase,
  NamedStatement,
  runMigrationsOnce,
  trackDataSourcePool,
  type LawfulBasis,
  type Purpose,
  type Role,
  type SubgraphName,
} from '@hub/shared';
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
  /** Disclosures the user's information requests were granted, still in force. */
  grants: StoredGrant[];
}

/** An owner's disclosure to one requester, about one subject, until a time (ISA 2.6, Appendix 2). */
export interface StoredGrant {
  requestId: string;
  owner: SubgraphName;
  /** The organisation that decided: for a charity, only its own episodes are disclosed. */
  grantedByOrg: string;
  subjectId: string;
  fields: string[];
  expiresAt: string;
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  caseRef: string;
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
    try {
      await runMigrationsOnce(dataSource, 'hub');
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    trackDataSourcePool('hub', dataSource);
    return new HubStore(dataSource);
  }

  /** The user is (issuer, subject): the same id from another issuer is another person. */
  async requestState(issuer: string, userId: string, today: string, now: Date): Promise<RequestState> {
    const [row] = await REQUEST_STATE.through<RequestStateRow>(this.dataSource, [issuer, userId, today, now]);
    // One row, always (three scalar subqueries): without it the request knows nothing, and fails closed.
    if (!row) throw new Error('the registry read returned no row');
    const registry = row.registry as { org: string; roles: Role[] | null; approval: Approval | null } | null;
    return {
      registration: registry ? { org: registry.org, roles: registry.roles } : null,
      approval: registry?.approval ?? null,
      suspensions: row.suspensions as ActiveSuspension[],
      grants: row.grants as StoredGrant[],
    };
  }

  async activeSuspensions(): Promise<ActiveSuspension[]> {
    return this.dataSource.query(
      `SELECT agreement_id AS "agreementId", suspended_by AS "suspendedBy", suspended_by_org AS "suspendedByOrg", reason,
              suspended_at AS "suspendedAt"
         FROM agreement_suspensions WHERE lifted_at IS NULL ORDER BY id`,
    );
  }

  /**
   * Records a party's suspension (ISA 13.2). Each party's stands on its own: a second one by the
   * same party while its first stands is refused; another party's is not.
   */
  async suspend(agreementId: string, by: { userId: string; org: string }, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [agreementId]);
      const [open] = await manager.query(
        'SELECT 1 FROM agreement_suspensions WHERE agreement_id = $1 AND suspended_by_org = $2 AND lifted_at IS NULL',
        [agreementId, by.org],
      );
      if (open) throw new Error(`${agreementId} is already suspended by ${by.org}`);
      await manager.query(
        'INSERT INTO agreement_suspensions (agreement_id, suspended_by, suspended_by_org, reason) VALUES ($1, $2, $3, $4)',
        [agreementId, by.userId, by.org, reason],
      );
    });
  }

  /** Lifts the party's own standing suspension, and no other party's; returns false when it had none. */
  async lift(agreementId: string, by: { userId: string; org: string }): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE agreement_suspensions SET lifted_by = $2, lifted_at = now()
        WHERE agreement_id = $1 AND suspended_by_org = $3 AND lifted_at IS NULL`,
      [agreementId, by.userId, by.org],
    );
    // TypeORM answers an UPDATE with [rows, rows affected].
    const [, affected] = result as [unknown[], number];
    return affected > 0;
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

  /** Whether the store answers right now, within a second. */
  async ping(): Promise<boolean> {
    return pingWithin(() => this.dataSource.query('SELECT 1'));
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}

/** True when `query` answers within `ms`; never throws. */
export async function pingWithin(query: () => Promise<unknown>, ms = 1_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([query().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every request's one read of the store (readStateStage): named, so each connection plans it once
 * rather than on every request (named-statements.ts).
 */
const REQUEST_STATE = new NamedStatement(
  'hub_request_state',
  `SELECT
         (SELECT json_build_object('org', org, 'roles', roles,
                   'approval', CASE WHEN revoked_at IS NULL AND roles IS NOT NULL AND approved_on <= $3::date AND expires_on >= $3::date
                     THEN json_build_object('purposes', purposes, 'approvedBy', approved_by, 'approvedOn', approved_on, 'expiresOn', expires_on) END)
            FROM approved_users WHERE issuer = $1 AND user_id = $2) AS registry,
         (SELECT coalesce(json_agg(json_build_object('agreementId', agreement_id, 'suspendedBy', suspended_by,
                   'suspendedByOrg', suspended_by_org, 'reason', reason, 'suspendedAt', suspended_at) ORDER BY id), '[]'::json)
            FROM agreement_suspensions WHERE lifted_at IS NULL) AS suspensions,
         (SELECT coalesce(json_agg(json_build_object('requestId', r.id, 'owner', p.owner, 'grantedByOrg', p.decided_org,
                   'subjectId', r.subject_id, 'fields', p.disclosed_fields, 'expiresAt', p.expires_at, 'purpose', r.purpose,
                   'lawfulBasis', r.lawful_basis, 'caseRef', r.case_ref) ORDER BY r.id, p.owner), '[]'::json)
            FROM information_requests r JOIN information_request_parts p ON p.request_id = r.id
           WHERE r.requester_issuer = $1 AND r.requester_id = $2 AND r.withdrawn_at IS NULL
             AND p.status = 'DISCLOSED' AND p.expires_at > $4) AS grants`,
);

interface RequestStateRow {
  registry: unknown;
  suspensions: unknown;
  grants: unknown;
}
