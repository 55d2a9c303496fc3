import type { DataSource, EntityManager } from 'typeorm';
import { appendWorkflowEvent, type Actor } from '../workflow-history';

export type StoredStatus = 'OPENING' | 'PENDING' | 'ACCEPTED' | 'DECLINED';
/** What a client sees: a pending referral whose hold has passed is EXPIRED (its place is released). */
export type ReferralStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';

export interface NewReferral {
  referrer: Actor;
  idempotencyKey: string;
  subjectId: string;
  serviceId: string;
  providerOrg: string;
  operator: string;
  purpose: string;
  caseRef: string;
  sharedFields: string[];
  needs: string[];
  holdKey: string;
}

export interface StoredReferral extends NewReferral {
  id: string;
  createdAt: string;
  status: StoredStatus;
  sharedValues: Record<string, unknown> | null;
  /** The provider's roles the values were decided for: only staff holding one of them see them. */
  sharedForRoles: string[];
  holdExpiresAt: string | null;
  decidedBy: string | null;
  decidedOrg: string | null;
  decidedAt: string | null;
  decidedReason: string | null;
}

export type OpenResult =
  | { kind: 'opened'; id: string }
  | { kind: 'sameKey' }
  /** `existing` is null only if the live referral kept changing under three tries. */
  | { kind: 'live'; attemptId: string; existing: StoredReferral | null };

/** The referral became something else while being decided: already decided, or not yet open. */
export class ReferralConflict extends Error {}

/**
 * Referrals in the hub's store. Every change past opening is a workflow event in the same
 * transaction (one hash chain with information requests and approvals): who referred, what was
 * shared, who decided and why. The shared values themselves are not in the event (the chain is
 * read by auditors, who see no personal data); the event names the fields.
 */
export class ReferralStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Opens a referral under the referrer's idempotency key. `sameKey`: the key already has one (a
   * retry, or the same request sent twice at once): the caller returns that one. `live`: the
   * referrer's organisation already has a referral of the subject to this service being made or
   * pending (the partial unique index `referrals_one_live_per_subject_service_org` decides, so
   * concurrent attempts cannot both pass); `existing` is always that organisation's own, never
   * another's: another organisation's referral is no reason to refuse (docs/policy.md §8).
   * `attemptId` is the id this attempt was given (../workflow-id.ts), for the log's record of it.
   */
  async open(id: string, referral: NewReferral, now: Date): Promise<OpenResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // The organisation's referral of the pair whose hold has ended (or whose attempt was abandoned) no longer holds the slot.
      await this.dataSource.query(
        `UPDATE referrals SET live = false
          WHERE subject_id = $1 AND service_id = $2 AND referrer_org = $4 AND live
            AND ((status = 'PENDING' AND hold_expires_at <= $3) OR (status = 'OPENING' AND created_at < $3::timestamptz - interval '60 seconds'))`,
        [referral.subjectId, referral.serviceId, now, referral.referrer.org],
      );
      // No arbiter: a conflict on the key or on the one-live index leaves the row out, and the reads below say which.
      const rows: { id: string }[] = await this.dataSource.query(
        `INSERT INTO referrals (id, created_at, referrer_issuer, referrer_id, referrer_org, idempotency_key, subject_id, service_id,
             provider_org, operator, purpose, case_ref, shared_fields, needs, status, hold_key, live)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'OPENING', $15, true)
           ON CONFLICT DO NOTHING
           RETURNING id`,
        [
          id,
          now,
          referral.referrer.issuer,
          referral.referrer.userId,
          referral.referrer.org,
          referral.idempotencyKey,
          referral.subjectId,
          referral.serviceId,
          referral.providerOrg,
          referral.operator,
          referral.purpose,
          referral.caseRef,
          referral.sharedFields,
          referral.needs,
          referral.holdKey,
        ],
      );
      if (rows[0]) return { kind: 'opened', id };
      if (await this.byKey(referral.referrer, referral.idempotencyKey)) return { kind: 'sameKey' };
      // Only the referrer's own organisation's: the index's key, and what the caller may be told.
      const [row] = await this.dataSource.query(
        `SELECT * FROM referrals WHERE subject_id = $1 AND service_id = $2 AND referrer_org = $3 AND live`,
        [referral.subjectId, referral.serviceId, referral.referrer.org],
      );
      // Gone between the two statements (decided, discarded): try again.
      if (row) return { kind: 'live', attemptId: id, existing: toReferral(row) };
    }
    return { kind: 'live', attemptId: id, existing: null };
  }

  /** A failed attempt leaves nothing: no hold (released by the caller), no referral. */
  async discard(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM referrals WHERE id = $1 AND status = 'OPENING'`, [id]);
  }

  /** The place is held and the disclosure recorded: the referral is pending with the provider. */
  async confirm(
    id: string,
    shared: { values: Record<string, unknown>; forRoles: readonly string[] },
    holdExpiresAt: Date,
    actor: Actor,
    now: Date,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // An UPDATE … RETURNING answers [rows, count].
      const [rows]: [any[], number] = await manager.query(
        `UPDATE referrals SET status = 'PENDING', shared_values = $2, shared_for_roles = $4::text[], hold_expires_at = $3
          WHERE id = $1 AND status = 'OPENING'
         RETURNING subject_id, service_id, provider_org, purpose, case_ref, shared_fields, needs`,
        [id, JSON.stringify(shared.values), holdExpiresAt, shared.forRoles],
      );
      const row = rows[0];
      if (!row) throw new ReferralConflict(`${id} is not being opened`);
      await appendWorkflowEvent(
        manager,
        {
          stream: 'referral',
          ref: id,
          action: 'REFERRED',
          actor,
          payload: {
            subjectId: row.subject_id,
            serviceId: row.service_id,
            providerOrg: row.provider_org,
            purpose: row.purpose,
            caseRef: row.case_ref,
            sharedFields: row.shared_fields,
            needs: row.needs,
            holdExpiresAt: holdExpiresAt.toISOString(),
          },
        },
        now,
      );
    });
  }

  /**
   * Decides a pending referral, all or nothing: the row is locked, `partner` (the place taken or
   * released in the partner that runs the service) runs while it is, and only if it succeeds is the
   * decision written, with its event. A second decision-maker waits on the lock and finds it decided.
   */
  async decide(
    id: string,
    decision: { status: 'ACCEPTED' | 'DECLINED'; reason: string | null },
    actor: Actor,
    now: Date,
    partner: (referral: StoredReferral) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const referral = await locked(manager, id);
      if (referral.status !== 'PENDING') {
        throw new ReferralConflict(
          referral.status === 'OPENING'
            ? `${id} is still being opened`
            : `${id} was already decided (${referral.status}) by ${referral.decidedBy}`,
        );
      }
      await partner(referral);
      await manager.query(
        // A declined referral's values are no longer the provider's to hold: the hub keeps them no
        // longer either (the log keeps what was disclosed, and to whom).
        `UPDATE referrals SET status = $2, decided_by = $3, decided_org = $4, decided_at = $5, decided_reason = $6, live = false,
                shared_values = CASE WHEN $2 = 'DECLINED' THEN NULL ELSE shared_values END
          WHERE id = $1`,
        [id, decision.status, actor.userId, actor.org, now, decision.reason],
      );
      await appendWorkflowEvent(
        manager,
        { stream: 'referral', ref: id, action: decision.status, actor, payload: { reason: decision.reason } },
        now,
      );
    });
  }

  /** A provider's change of a service's places, in the workflow history like any decision. */
  async recordCapacity(serviceId: string, capacity: { total: number; available: number }, actor: Actor, now: Date): Promise<void> {
    await this.dataSource.transaction((manager) =>
      appendWorkflowEvent(manager, { stream: 'service-capacity', ref: serviceId, action: 'CAPACITY_SET', actor, payload: capacity }, now),
    );
  }

  async get(id: string): Promise<StoredReferral | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM referrals WHERE id = $1`, [id]);
    return row ? toReferral(row) : null;
  }

  async byKey(referrer: { issuer: string; userId: string }, key: string): Promise<StoredReferral | null> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM referrals WHERE referrer_issuer = $1 AND referrer_id = $2 AND idempotency_key = $3`,
      [referrer.issuer, referrer.userId, key],
    );
    return row ? toReferral(row) : null;
  }

  /**
   * Newest first (by the hub's clock; ids are random, so they order nothing): those a referrer
   * sent, or those to a provider organisation's services. Never one still opening. The cursor is
   * the last id seen, looked up among the referrals this list shows: any other id (one not found,
   * or someone else's) ends the list, so a cursor does not tell whether a referral exists or when
   * it was made.
   */
  async list(
    where: { referrer?: { issuer: string; userId: string }; providerOrg?: string },
    first: number,
    after: string | null,
  ): Promise<StoredReferral[]> {
    const rows: any[] = await this.dataSource.query(
      // `shown`: the referrals this list shows, declared once for the list and for its cursor.
      `WITH shown AS NOT MATERIALIZED (
         SELECT * FROM referrals
          WHERE status <> 'OPENING'
            AND ($1::text IS NULL OR (referrer_issuer = $1 AND referrer_id = $2))
            AND ($3::text IS NULL OR provider_org = $3))
       SELECT * FROM shown
        WHERE ($4::text IS NULL OR (created_at, id) < (SELECT c.created_at, c.id FROM shown c WHERE c.id = $4))
        ORDER BY created_at DESC, id DESC
        LIMIT $5`,
      [where.referrer?.issuer ?? null, where.referrer?.userId ?? null, where.providerOrg ?? null, after, first],
    );
    return rows.map(toReferral);
  }
}

async function locked(manager: EntityManager, id: string): Promise<StoredReferral> {
  const [row] = await manager.query(`SELECT * FROM referrals WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new ReferralConflict(`no referral ${id.slice(0, 40)}`);
  return toReferral(row);
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

function toReferral(row: any): StoredReferral {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    referrer: { issuer: row.referrer_issuer, userId: row.referrer_id, org: row.referrer_org },
    idempotencyKey: row.idempotency_key,
    subjectId: row.subject_id,
    serviceId: row.service_id,
    providerOrg: row.provider_org,
    operator: row.operator,
    purpose: row.purpose,
    caseRef: row.case_ref,
    sharedFields: row.shared_fields,
    sharedValues: row.shared_values ? JSON.parse(row.shared_values) : null,
    sharedForRoles: row.shared_for_roles,
    needs: row.needs,
    status: row.status,
    holdKey: row.hold_key,
    holdExpiresAt: iso(row.hold_expires_at),
    decidedBy: row.decided_by,
    decidedOrg: row.decided_org,
    decidedAt: iso(row.decided_at),
    decidedReason: row.decided_reason,
  };
}

/** The status a client sees at `now`. */
export function statusAt(referral: StoredReferral, now: Date): ReferralStatus {
  if (referral.status === 'PENDING' && referral.holdExpiresAt && new Date(referral.holdExpiresAt) <= now) return 'EXPIRED';
  return referral.status === 'OPENING' ? 'PENDING' : referral.status;
}
