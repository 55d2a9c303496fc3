import type { Client } from 'pg';

/**
 * Disclosures on request (README "Information requests", docs/policy.md §7 "How far a disclosure
 * on request reaches"), as the hub's own tables hold them, read with plain SQL. What counts is
 * the part an owner answered DISCLOSE, on a request not withdrawn, until its expiry. Nothing here
 * comes from the gateway's store code: only the tables are shared, as the partners' are.
 */
export interface Grant {
  /** The request's id: the rule the log names for what it allowed. */
  requestId: string;
  requesterId: string;
  /** The partner whose data is disclosed. */
  owner: string;
  /** The organisation that decided: for a charity, only its own episodes are disclosed. */
  decidedOrg: string;
  subjectId: string;
  /** Coordinates as stored: what the officer disclosed (`Type.field` or `Type.*`). */
  fields: string[];
  purpose: string;
  lawfulBasis: string;
  caseRef: string;
}

/**
 * Every disclosure in force at `now`, in an order that does not depend on the requests' random ids,
 * so that a seed picks the same disclosures in every run (harness/grant-cases.ts).
 */
export async function readGrants(client: Client, now: Date = new Date()): Promise<Grant[]> {
  const { rows } = await client.query(
    `SELECT r.id, r.requester_id, p.owner, p.decided_org, r.subject_id, p.disclosed_fields, r.purpose, r.lawful_basis, r.case_ref
       FROM information_requests r
       JOIN information_request_parts p ON p.request_id = r.id
      WHERE r.withdrawn_at IS NULL AND p.status = 'DISCLOSED' AND p.expires_at > $1
      ORDER BY r.subject_id, p.owner, r.requester_id, r.purpose, r.case_ref, p.disclosed_fields::text, p.decided_org, r.id`,
    [now],
  );
  return rows.map((row) => ({
    requestId: row.id,
    requesterId: row.requester_id,
    owner: row.owner,
    decidedOrg: row.decided_org,
    subjectId: row.subject_id,
    fields: row.disclosed_fields ?? [],
    purpose: row.purpose,
    lawfulBasis: row.lawful_basis,
    caseRef: row.case_ref,
  }));
}
