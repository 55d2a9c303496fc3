import type { LawfulBasis, Purpose, SubgraphName } from '@hub/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { appendWorkflowEvent, type Actor } from '../workflow-history';
import { newWorkflowId } from '../workflow-id';

/** Outcomes an owner's decision-maker may give a part of a request (ISA 2.6: supply what is known, or say why not). */
export type DecisionOutcome = 'DISCLOSE' | 'DECLINE' | 'NOTHING_HELD';
export type PartStatus = 'PENDING' | 'DISCLOSED' | 'DECLINED' | 'NOTHING_HELD' | 'EXPIRED' | 'WITHDRAWN';

/** The status a part takes from the owner's decision (and the workflow event's action). */
const PART_STATUS_OF: Record<DecisionOutcome, PartStatus> = { DISCLOSE: 'DISCLOSED', DECLINE: 'DECLINED', NOTHING_HELD: 'NOTHING_HELD' };

export interface NewRequest {
  requester: Actor;
  declaredName: string;
  declaredRole: string;
  subjectId: string;
  owners: SubgraphName[];
  /** Per owner, the field coordinates asked for. */
  fields: Map<SubgraphName, string[]>;
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  caseRef: string;
  reason: string;
  tippingOff: boolean;
  tippingOffReason: string | null;
}

export interface RequestPart {
  owner: SubgraphName;
  fields: string[];
  status: PartStatus;
  disclosedFields: string[] | null;
  expiresAt: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedOrg: string | null;
  decidedAt: string | null;
}

export interface StoredRequest {
  id: string;
  createdAt: string;
  requester: Actor;
  declaredName: string;
  declaredRole: string;
  subjectId: string;
  purpose: Purpose;
  lawfulBasis: LawfulBasis;
  caseRef: string;
  reason: string;
  tippingOff: boolean;
  tippingOffReason: string | null;
  withdrawnAt: string | null;
  parts: RequestPart[];
}

export interface Decision {
  owner: SubgraphName;
  outcome: DecisionOutcome;
  /** For DISCLOSE: the coordinates disclosed, at most those asked for. */
  fields?: string[];
  expiresAt?: Date;
  reason?: string;
}

/** A decision that came second: the part was already decided (or the request withdrawn). */
export class RequestConflict extends Error {}

/**
 * Information requests in the hub's store. Every change is a workflow event in the same
 * transaction; the current state is what the events say. A part is decided once: a second
 * decision-maker finds it decided (row lock) and is refused, so nothing is half-written.
 */
export class RequestStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(request: NewRequest, now: Date): Promise<StoredRequest> {
    const id = await this.dataSource.transaction(async (manager) => {
      // Random, so an id does not tell a requester how many requests the hub has handled.
      const id = newWorkflowId('REQ', now);
      await manager.query(
        `INSERT INTO information_requests (id, created_at, requester_issuer, requester_id, requester_org, declared_name, declared_role,
           subject_id, purpose, lawful_basis, case_ref, reason, tipping_off, tipping_off_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id,
          now,
          request.requester.issuer,
          request.requester.userId,
          request.requester.org,
          request.declaredName,
          request.declaredRole,
          request.subjectId,
          request.purpose,
          request.lawfulBasis,
          request.caseRef,
          request.reason,
          request.tippingOff,
          request.tippingOffReason,
        ],
      );
      for (const owner of request.owners) {
        await manager.query(`INSERT INTO information_request_parts (request_id, owner, fields) VALUES ($1, $2, $3)`, [
          id,
          owner,
          request.fields.get(owner) ?? [],
        ]);
      }
      await appendWorkflowEvent(
        manager,
        {
          stream: 'information-request',
          ref: id,
          action: 'REQUESTED',
          actor: request.requester,
          payload: {
            subjectId: request.subjectId,
            owners: request.owners,
            fields: Object.fromEntries(request.fields),
            purpose: request.purpose,
            lawfulBasis: request.lawfulBasis,
            caseRef: request.caseRef,
            reason: request.reason,
            declaration: { name: request.declaredName, role: request.declaredRole },
            tippingOff: request.tippingOff,
            tippingOffReason: request.tippingOffReason,
          },
        },
        now,
      );
      return id;
    });
    return (await this.get(id, now))!;
  }

  /** Records decisions on this owner's parts, all or none. */
  async decide(id: string, decisions: Decision[], actor: Actor, now: Date): Promise<StoredRequest> {
    await this.dataSource.transaction(async (manager) => {
      const request = await lockedRequest(manager, id);
      if (request.withdrawn_at) throw new RequestConflict(`${id} was withdrawn by its requester`);
      for (const decision of decisions) {
        const [part] = await manager.query(
          `SELECT status, fields, decided_by, decided_at FROM information_request_parts WHERE request_id = $1 AND owner = $2 FOR UPDATE`,
          [id, decision.owner],
        );
        if (!part) throw new RequestConflict(`${id} asks nothing of ${decision.owner}`);
        if (part.status !== 'PENDING') {
          throw new RequestConflict(
            `${id}'s ${decision.owner} part was already decided (${part.status}) by ${part.decided_by} at ${new Date(part.decided_at).toISOString()}`,
          );
        }
        await manager.query(
          `UPDATE information_request_parts SET status = $3, disclosed_fields = $4, expires_at = $5, reason = $6, decided_by = $7, decided_org = $8, decided_at = $9
            WHERE request_id = $1 AND owner = $2`,
          [
            id,
            decision.owner,
            PART_STATUS_OF[decision.outcome],
            decision.outcome === 'DISCLOSE' ? decision.fields : null,
            decision.outcome === 'DISCLOSE' ? decision.expiresAt : null,
            decision.reason ?? null,
            actor.userId,
            actor.org,
            now,
          ],
        );
        await appendWorkflowEvent(
          manager,
          {
            stream: 'information-request',
            ref: id,
            action: PART_STATUS_OF[decision.outcome],
            actor,
            payload: {
              owner: decision.owner,
              fields: decision.outcome === 'DISCLOSE' ? decision.fields : null,
              expiresAt: decision.outcome === 'DISCLOSE' ? decision.expiresAt!.toISOString() : null,
              reason: decision.reason ?? null,
            },
          },
          now,
        );
      }
    });
    return (await this.get(id, now))!;
  }

  /** The requester withdraws: pending parts are withdrawn, and any disclosure granted ends now. */
  async withdraw(id: string, actor: Actor, now: Date): Promise<StoredRequest> {
    await this.dataSource.transaction(async (manager) => {
      const request = await lockedRequest(manager, id);
      if (request.withdrawn_at) throw new RequestConflict(`${id} was already withdrawn`);
      await manager.query(`UPDATE information_requests SET withdrawn_at = $2 WHERE id = $1`, [id, now]);
      await appendWorkflowEvent(manager, { stream: 'information-request', ref: id, action: 'WITHDRAWN', actor, payload: {} }, now);
    });
    return (await this.get(id, now))!;
  }

  async get(id: string, now: Date): Promise<StoredRequest | null> {
    const [found] = await this.list({ id }, now, 1, null);
    return found ?? null;
  }

  /**
   * Requests, newest first: those sent by a requester, or those with a part addressed to an owner
   * (that part only is the owner's business; other owners' parts are not shown to it). The cursor
   * is the last id seen, looked up among the requests this list shows: any other id (one not
   * found, or someone else's) ends the list, so a cursor does not tell whether a request exists or
   * when it was made (red team, 30 Nov).
   */
  async list(
    where: { id?: string; requester?: { issuer: string; userId: string }; owner?: SubgraphName },
    now: Date,
    first: number,
    after: string | null,
  ): Promise<StoredRequest[]> {
    const rows: any[] = await this.dataSource.query(
      // `shown`: the requests this list shows, declared once for the list and for its cursor.
      `WITH shown AS NOT MATERIALIZED (
         SELECT s.id, s.created_at FROM information_requests s
          WHERE ($2::text IS NULL OR (s.requester_issuer = $2 AND s.requester_id = $3))
            AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM information_request_parts sp WHERE sp.request_id = s.id AND sp.owner = $4)))
       SELECT r.*, coalesce(json_agg(json_build_object(
                 'owner', p.owner, 'fields', p.fields, 'status', p.status, 'disclosedFields', p.disclosed_fields,
                 'expiresAt', p.expires_at, 'reason', p.reason, 'decidedBy', p.decided_by, 'decidedOrg', p.decided_org,
                 'decidedAt', p.decided_at) ORDER BY p.owner) FILTER (WHERE p.owner IS NOT NULL), '[]') AS parts
         FROM information_requests r
         JOIN shown ON shown.id = r.id
         JOIN information_request_parts p ON p.request_id = r.id AND ($4::text IS NULL OR p.owner = $4)
        WHERE ($1::text IS NULL OR r.id = $1)
          AND ($5::text IS NULL OR (r.created_at, r.id) < (SELECT c.created_at, c.id FROM shown c WHERE c.id = $5))
        GROUP BY r.id
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT $6`,
      [where.id ?? null, where.requester?.issuer ?? null, where.requester?.userId ?? null, where.owner ?? null, after, first],
    );
    return rows.map((row) => toRequest(row, now));
  }
}

async function lockedRequest(manager: EntityManager, id: string): Promise<{ withdrawn_at: Date | null }> {
  const [request] = await manager.query(`SELECT withdrawn_at FROM information_requests WHERE id = $1 FOR UPDATE`, [id]);
  if (!request) throw new RequestConflict(`no request ${id.slice(0, 40)}`);
  return request;
}

function toRequest(row: any, now: Date): StoredRequest {
  const withdrawnAt = row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null;
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    requester: { issuer: row.requester_issuer, userId: row.requester_id, org: row.requester_org },
    declaredName: row.declared_name,
    declaredRole: row.declared_role,
    subjectId: row.subject_id,
    purpose: row.purpose,
    lawfulBasis: row.lawful_basis,
    caseRef: row.case_ref,
    reason: row.reason,
    tippingOff: row.tipping_off,
    tippingOffReason: row.tipping_off_reason,
    withdrawnAt,
    parts: (row.parts as any[]).map((part) => {
      const expiresAt = part.expiresAt ? new Date(part.expiresAt).toISOString() : null;
      let status: PartStatus = part.status;
      if (withdrawnAt && (status === 'PENDING' || status === 'DISCLOSED')) status = 'WITHDRAWN';
      else if (status === 'DISCLOSED' && expiresAt && new Date(expiresAt) <= now) status = 'EXPIRED';
      return {
        owner: part.owner,
        fields: part.fields,
        status,
        disclosedFields: part.disclosedFields,
        expiresAt,
        reason: part.reason,
        decidedBy: part.decidedBy,
        decidedOrg: part.decidedOrg,
        decidedAt: part.decidedAt ? new Date(part.decidedAt).toISOString() : null,
      };
    }),
  };
}
