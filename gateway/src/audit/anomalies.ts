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
  'west-midlands-police': /^WMP\/\d{4}\/\d{3,}$/,
  'birmingham-city-council': /^BCC\/[A-Z]+\/\d{4}\/\d{3,}$/,
  'birmingham-solihull-nhs': /^NHS\/[A-Z]+\/\d{4}\/\d{3,}$/,
};

/**
 * Flags for auditors (ISA 13.1), over the day before `now`:
 * - a requester whose volume jumps far above their own baseline (their daily mean over the 28 days before);
 * - personal data received under a case reference outside the organisation's scheme;
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
    `SELECT requester_id, requester_org,
            count(*) FILTER (WHERE occurred_at >= $1)::int AS today,
            (count(*) FILTER (WHERE occurred_at < $1) / 28.0)::float AS baseline
       FROM disclosure_records
      WHERE occurred_at >= $2 AND cardinality(fields_disclosed) > 0 ${controllerClause}
      GROUP BY requester_id, requester_org`,
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
  // requester's own: same id and organisation. (Records name no issuer, so two issuers' users of
  // one id in one organisation are not told apart; request ids are random.)
  const caseRefs = await pool.query(
    `SELECT d.requester_id, d.requester_org, coalesce(r.case_ref, d.case_ref) AS case_ref, count(*)::int AS n
       FROM disclosure_records d
       LEFT JOIN information_requests r ON r.id = d.case_ref AND r.requester_id = d.requester_id AND r.requester_org = d.requester_org
      WHERE d.occurred_at >= $1 AND cardinality(d.fields_disclosed) > 0 AND d.subject_type IS NOT NULL
            ${controller ? 'AND d.controller_org = $2' : ''}
      GROUP BY 1, 2, 3`,
    controller ? [dayStart, controller] : [dayStart],
  );
  for (const r of caseRefs.rows) {
    const scheme = CASE_REF_SCHEMES[r.requester_org];
    if (scheme && !(typeof r.case_ref === 'string' && scheme.test(r.case_ref))) {
      anomalies.push({
        kind: 'CASE_REF_OUT_OF_SCHEME',
        requesterId: r.requester_id,
        requesterOrg: r.requester_org,
        count: r.n,
        detail: `personal data received under case reference ${JSON.stringify(r.case_ref)}, outside ${r.requester_org}'s scheme`,
      });
    }
  }

  const outOfPurpose = await pool.query(
    `SELECT requester_id, requester_org, count(DISTINCT request_id)::int AS n, array_agg(DISTINCT purpose) AS purposes FROM disclosure_records
      WHERE occurred_at >= $1 AND withheld_json LIKE '%"rule":"ISA-6.4-approved-purposes"%' ${controller ? 'AND controller_org = $2' : ''}
      GROUP BY requester_id, requester_org HAVING count(DISTINCT request_id) >= 3`,
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
