import type { Pool } from 'pg';

export interface Anomaly {
  kind: 'VOLUME_SPIKE' | 'CASE_REF_OUT_OF_SCHEME' | 'REPEATED_OUT_OF_PURPOSE';
  requesterId: string;
  requesterOrg: string;
  detail: string;
  count: number;
}

/**
 * Each organisation's case reference scheme: personal data requested under a reference that
 * does not fit it is worth an auditor's look (necessity, ISA 5.4.2).
 */
export const CASE_REF_SCHEMES: Record<string, RegExp> = {
  // WMP/2026/0042, or with a unit or operation: WMP/MSU/2026/0107, WMP/OP-KESTREL/2026/17.
  'west-midlands-police': /^WMP\/(?:[A-Z][A-Z0-9-]*\/)?\d{4}\/\d{2,}$/,
  'birmingham-city-council': /^BCC\/[A-Z]+\/\d{4}\/\d{3,}$/,
  'birmingham-solihull-nhs': /^NHS\/[A-Z]+\/\d{4}\/\d{3,}$/,
};

/**
 * Who a record's disclosure is flagged against: the user whose action caused it. That is the
 * requester, or for a referral (whose records name the referral as the recipient's user and the
 * provider as its organisation) the referring user, its initiator, who also gave the case reference.
 */
const ACTOR_ID = 'coalesce(initiator_id, requester_id)';
const ACTOR_ORG = 'coalesce(initiator_org, requester_org)';

/**
 * Flags for auditors (ISA 13.1), over the day before `now`, each against the user who acted (ACTOR_ID):
 * - a user whose volume jumps far above their own baseline (their daily mean over the 28 days before);
 * - personal data received under a case reference outside the organisation's scheme, or under none
 *   where the organisation has no scheme registered here;
 * - repeated attempts outside the user's approved purposes (denied each time).
 */
export async function findAnomalies(pool: Pool, now: Date, scope: { controllerOrg?: string } = {}): Promise<Anomaly[]> {
  const dayStart = new Date(now.getTime() - 86_400_000).toISOString();
  const baselineStart = new Date(now.getTime() - 29 * 86_400_000).toISOString();
  // A data protection officer's scope: the records of their organisation's data (never those without a controller).
  const controller = scope.controllerOrg;
  const controllerClause = controller ? 'AND controller_org = $3' : '';
  const params = controller ? [dayStart, baselineStart, controller] : [dayStart, baselineStart];
  const volume = await pool.query(
    `SELECT ${ACTOR_ID} AS requester_id, ${ACTOR_ORG} AS requester_org,
            count(*) FILTER (WHERE occurred_at >= $1)::int AS today,
            (count(*) FILTER (WHERE occurred_at < $1) / 28.0)::float AS baseline
       FROM disclosure_records
      WHERE occurred_at >= $2 AND cardinality(fields_disclosed) > 0 ${controllerClause}
      GROUP BY 1, 2`,
    params,
  );
  const anomalies: Anomaly[] = volume.rows
    .filter((r) => r.today > Math.max(3 * r.baseline, r.baseline + 50))
    .map((r) => ({
      kind: 'VOLUME_SPIKE',
      requesterId: r.requester_id,
      requesterOrg: r.requester_org,
      count: r.today,
      detail: `${r.today} records in the last 24 h against a daily baseline of ${Number(r.baseline).toFixed(1)}`,
    }));

  // Only personal data answers to a case reference: a record with no subject is statistics (the one
  // partner data the shaper accounts outside a subject, shape-response.ts), read under STATISTICS
  // with no case reference by design, and is not flagged for lacking one.
  // A request's id is a valid case reference for what it disclosed (README, information requests):
  // such a record is judged by the case reference the request itself was made under, if it is the
  // user's own request (same id and organisation) and about the same subject; given for another
  // subject, the request's id is judged as it stands. (Records name no issuer, so two issuers' users
  // of one id in one organisation are not told apart; request ids are random.)
  const caseRefs = await pool.query(
    `SELECT d.actor_id AS requester_id, d.actor_org AS requester_org, coalesce(r.case_ref, d.case_ref) AS case_ref, count(*)::int AS n
       FROM (SELECT *, ${ACTOR_ID} AS actor_id, ${ACTOR_ORG} AS actor_org FROM disclosure_records) d
       LEFT JOIN information_requests r
              ON r.id = d.case_ref AND r.requester_id = d.actor_id AND r.requester_org = d.actor_org AND r.subject_id = d.subject_id
      WHERE d.occurred_at >= $1 AND cardinality(d.fields_disclosed) > 0 AND d.subject_type IS NOT NULL
            ${controller ? 'AND d.controller_org = $2' : ''}
      GROUP BY 1, 2, 3`,
    controller ? [dayStart, controller] : [dayStart],
  );
  for (const r of caseRefs.rows) {
    const scheme = CASE_REF_SCHEMES[r.requester_org];
    const given = typeof r.case_ref === 'string' && r.case_ref.trim() !== '';
    // Without a scheme registered here (the charities'), any reference will do; none at all will not.
    if (scheme ? !(given && scheme.test(r.case_ref)) : !given) {
      anomalies.push({
        kind: 'CASE_REF_OUT_OF_SCHEME',
        requesterId: r.requester_id,
        requesterOrg: r.requester_org,
        count: r.n,
        detail: scheme
          ? `personal data received under case reference ${JSON.stringify(r.case_ref)}, outside ${r.requester_org}'s scheme`
          : `personal data received under no case reference`,
      });
    }
  }

  const outOfPurpose = await pool.query(
    `SELECT ${ACTOR_ID} AS requester_id, ${ACTOR_ORG} AS requester_org, count(DISTINCT request_id)::int AS n,
            array_agg(DISTINCT purpose) AS purposes FROM disclosure_records
      WHERE occurred_at >= $1 AND withheld_json LIKE '%"rule":"ISA-6.4-approved-purposes"%' ${controller ? 'AND controller_org = $2' : ''}
      GROUP BY 1, 2 HAVING count(DISTINCT request_id) >= 3`,
    controller ? [dayStart, controller] : [dayStart],
  );
  for (const r of outOfPurpose.rows) {
    anomalies.push({
      kind: 'REPEATED_OUT_OF_PURPOSE',
      requesterId: r.requester_id,
      requesterOrg: r.requester_org,
      count: r.n,
      detail: `${r.n} requests refused in the last 24 h for purposes the user is not approved for (${(r.purposes as string[]).join(', ')})`,
    });
  }
  return anomalies;
}
