import type { Pool } from 'pg';

/** DPA 2018 Sch 2 para 2: the exemption for crime, which Appendix 2's "no indication to the subject" rests on. */
export const TIPPING_OFF_EXEMPTION = 'DPA_2018_SCH2_PARA2';

/** One line of a subject access answer (ISA 12): what was disclosed about the subject, to whom, when. */
export interface SubjectAccessEntry {
  kind: 'DISCLOSURE' | 'INFORMATION_REQUEST';
  occurredAt: string;
  /** `writer:seq` for a disclosure, the request id for a request. */
  ref: string;
  exempt: boolean;
  /** For an exempt entry: the exemption and the requester's reason, for the auditor; the subject's copy shows only that it is withheld. */
  exemption: string | null;
  requesterOrg: string | null;
  owner: string | null;
  purpose: string | null;
  lawfulBases: string[];
  rules: string[];
  fieldsDisclosed: string[];
}

/**
 * Everything the log and the workflows hold about one subject, oldest first. Disclosures made on
 * an information request flagged "tipping-off risk", and such requests themselves, are listed as
 * withheld under the exemption, with its reason — not silently left out, so that whoever answers
 * the subject sees that something is withheld and why, and an auditor can review the flag.
 */
export async function subjectAccessEntries(pool: Pool, subjectId: string): Promise<SubjectAccessEntry[]> {
  const [requests, records] = await Promise.all([
    pool.query(
      `SELECT id, created_at, requester_org, purpose, lawful_basis, tipping_off, tipping_off_reason
         FROM information_requests WHERE subject_id = $1 ORDER BY created_at`,
      [subjectId],
    ),
    pool.query(
      `SELECT writer_id, seq, occurred_at, requester_org, owner, purpose, lawful_bases, rule_ids, fields_disclosed
         FROM disclosure_records WHERE subject_id = $1 AND cardinality(fields_disclosed) > 0 ORDER BY occurred_at, writer_id, seq`,
      [subjectId],
    ),
  ]);
  const tippingOff = new Map<string, string>(
    requests.rows
      .filter((r) => r.tipping_off)
      .map((r) => [r.id as string, `${TIPPING_OFF_EXEMPTION}: ${r.tipping_off_reason ?? 'tipping-off risk'}`]),
  );
  const entries: SubjectAccessEntry[] = [
    ...requests.rows.map((r): SubjectAccessEntry => {
      const exemption = tippingOff.get(r.id) ?? null;
      return {
        kind: 'INFORMATION_REQUEST',
        occurredAt: new Date(r.created_at).toISOString(),
        ref: exemption ? 'withheld' : r.id,
        exempt: exemption !== null,
        exemption,
        requesterOrg: exemption ? null : r.requester_org,
        owner: null,
        purpose: exemption ? null : r.purpose,
        lawfulBases: exemption ? [] : [r.lawful_basis],
        rules: [],
        fieldsDisclosed: [],
      };
    }),
    ...records.rows.map((r): SubjectAccessEntry => {
      const exemption = (r.rule_ids as string[]).map((id) => tippingOff.get(id)).find((e) => e !== undefined) ?? null;
      return {
        kind: 'DISCLOSURE',
        occurredAt: new Date(r.occurred_at).toISOString(),
        ref: `${r.writer_id}:${r.seq}`,
        exempt: exemption !== null,
        exemption,
        requesterOrg: exemption ? null : r.requester_org,
        owner: exemption ? null : r.owner,
        purpose: exemption ? null : r.purpose,
        lawfulBases: exemption ? [] : r.lawful_bases,
        rules: exemption ? [] : r.rule_ids,
        fieldsDisclosed: exemption ? [] : r.fields_disclosed,
      };
    }),
  ];
  return entries.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}
