import { ForbiddenError, type Purpose, type Role } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { appendWorkflowEvent, type Actor } from '../workflow-history';

export interface StoredApproval {
  issuer: string;
  userId: string;
  name: string | null;
  org: string;
  roles: Role[];
  purposes: Purpose[];
  approvedBy: string;
  approvedOn: string;
  expiresOn: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  history: ApprovalEvent[];
}

export interface ApprovalEvent {
  occurredAt: string;
  action: 'APPROVED' | 'REVOKED';
  byUserId: string;
  byOrg: string;
  roles?: Role[];
  purposes?: Purpose[];
  expiresOn?: string;
  reason?: string;
}

/**
 * The registry's approvals, changed only through here: each change writes the current entry and
 * an `approval` event in the workflow history, in one transaction, so who approved whom, for what,
 * until when — and who revoked it and why — is on the chained record (ISA 6.4, 9.4).
 */
export class ApprovalStore {
  constructor(private readonly dataSource: DataSource) {}

  async approve(
    entry: { issuer: string; userId: string; name: string | null; org: string; roles: Role[]; purposes: Purpose[]; expiresOn: string },
    by: Actor,
    today: string,
    now: Date,
  ): Promise<StoredApproval> {
    await this.dataSource.transaction(async (manager) => {
      // A user's organisation is fixed by their first approval. The caller checked it, but two
      // representatives approving one new account at once would both pass that check: the
      // statement itself refuses to move an account to another organisation.
      const written: unknown[] = await manager.query(
        `INSERT INTO approved_users (issuer, user_id, name, org, roles, purposes, approved_by, approved_on, expires_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (issuer, user_id) DO UPDATE
           SET name = $3, org = $4, roles = $5, purposes = $6, approved_by = $7, approved_on = $8, expires_on = $9,
               revoked_at = NULL, revoked_by = NULL, revoke_reason = NULL
           WHERE approved_users.org = EXCLUDED.org
         RETURNING org`,
        [entry.issuer, entry.userId, entry.name, entry.org, entry.roles, entry.purposes, by.userId, today, entry.expiresOn],
      );
      if (written.length === 0)
        throw new ForbiddenError(`${entry.userId} is a user of another organisation: only its own representative approves them`);
      await appendWorkflowEvent(
        manager,
        {
          stream: 'approval',
          ref: `${entry.issuer}|${entry.userId}`,
          action: 'APPROVED',
          actor: by,
          payload: { org: entry.org, roles: entry.roles, purposes: entry.purposes, expiresOn: entry.expiresOn, name: entry.name },
        },
        now,
      );
    });
    return (await this.get(entry.issuer, entry.userId))!;
  }

  async revoke(issuer: string, userId: string, reason: string, by: Actor, now: Date): Promise<StoredApproval> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE approved_users SET revoked_at = $3, revoked_by = $4, revoke_reason = $5 WHERE issuer = $1 AND user_id = $2`,
        [issuer, userId, now, by.userId, reason],
      );
      await appendWorkflowEvent(
        manager,
        { stream: 'approval', ref: `${issuer}|${userId}`, action: 'REVOKED', actor: by, payload: { reason } },
        now,
      );
    });
    return (await this.get(issuer, userId))!;
  }

  async get(issuer: string, userId: string): Promise<StoredApproval | null> {
    const [found] = await this.list({ issuer, userId });
    return found ?? null;
  }

  /** An organisation's approvals (or one user's), each with its history, oldest change first. */
  async list(where: { org?: string; issuer?: string; userId?: string }): Promise<StoredApproval[]> {
    const rows: any[] = await this.dataSource.query(
      `SELECT u.*, coalesce((SELECT json_agg(json_build_object('occurredAt', e.occurred_at, 'action', e.action, 'byUserId', e.actor_id,
                'byOrg', e.actor_org, 'payload', e.payload) ORDER BY e.seq)
              FROM workflow_events e WHERE e.stream = 'approval' AND e.ref = u.issuer || '|' || u.user_id), '[]') AS history
         FROM approved_users u
        WHERE ($1::text IS NULL OR u.org = $1) AND ($2::text IS NULL OR u.issuer = $2) AND ($3::text IS NULL OR u.user_id = $3)
        ORDER BY u.org, u.user_id`,
      [where.org ?? null, where.issuer ?? null, where.userId ?? null],
    );
    return rows.map((row) => ({
      issuer: row.issuer,
      userId: row.user_id,
      name: row.name,
      org: row.org,
      roles: row.roles ?? [],
      purposes: row.purposes,
      approvedBy: row.approved_by,
      approvedOn: isoDate(row.approved_on),
      expiresOn: isoDate(row.expires_on),
      revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
      revokedBy: row.revoked_by,
      revokeReason: row.revoke_reason,
      history: (row.history as any[]).map((event) => {
        const payload = JSON.parse(event.payload) as Record<string, any>;
        return {
          occurredAt: new Date(event.occurredAt).toISOString(),
          action: event.action,
          byUserId: event.byUserId,
          byOrg: event.byOrg,
          ...(payload.roles ? { roles: payload.roles } : {}),
          ...(payload.purposes ? { purposes: payload.purposes } : {}),
          ...(payload.expiresOn ? { expiresOn: payload.expiresOn } : {}),
          ...(payload.reason ? { reason: payload.reason } : {}),
        };
      }),
    }));
  }
}

function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
