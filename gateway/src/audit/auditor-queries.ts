import type { Pool } from 'pg';
import { isIsoDateOrInstant } from '../agreements/iso-date';
import { hasNul } from '../request/no-nul-text';
import { RECORD_COLUMNS, rowToRecord, type DisclosureRecord } from './disclosure-record';

export interface DisclosureFilter {
  subjectId?: string | null;
  requesterId?: string | null;
  requesterOrg?: string | null;
  /** A referral's referrer (docs/disclosure-log.md): the provider is the requester, the referrer the initiator. */
  initiatorId?: string | null;
  initiatorOrg?: string | null;
  owner?: string | null;
  /** The data controller (docs/disclosure-log.md); a DPO's scope sets it to their organisation. Never matches a record without one. */
  controllerOrg?: string | null;
  agreement?: string | null;
  purpose?: string | null;
  lawfulBasis?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface Page {
  records: DisclosureRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Newest first; the cursor is the last record's (occurred_at, writer_id, seq), so pages never shift. */
export async function findDisclosures(pool: Pool, filter: DisclosureFilter, first: number, after: string | null): Promise<Page> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.subjectId) add('subject_id = ?', filter.subjectId);
  if (filter.requesterId) add('requester_id = ?', filter.requesterId);
  if (filter.requesterOrg) add('requester_org = ?', filter.requesterOrg);
  if (filter.initiatorId) add('initiator_id = ?', filter.initiatorId);
  if (filter.initiatorOrg) add('initiator_org = ?', filter.initiatorOrg);
  if (filter.owner) add('owner = ?', filter.owner);
  if (filter.controllerOrg) add('controller_org = ?', filter.controllerOrg);
  if (filter.agreement) add('? = ANY(agreements)', filter.agreement);
  if (filter.purpose) add('purpose = ?', filter.purpose);
  if (filter.lawfulBasis) add('? = ANY(lawful_bases)', filter.lawfulBasis);
  if (filter.from) add('occurred_at >= ?', filter.from);
  if (filter.to) add('occurred_at < ?', filter.to);
  if (after) {
    const [at, writer, seq] = decodeCursor(after);
    values.push(at, writer, seq);
    where.push(`(occurred_at, writer_id, seq) < ($${values.length - 2}, $${values.length - 1}, $${values.length})`);
  }
  values.push(first + 1);
  const { rows } = await pool.query({
    text: `SELECT ${RECORD_COLUMNS.join(',')} FROM disclosure_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY occurred_at DESC, writer_id DESC, seq DESC LIMIT $${values.length}`,
    values,
    rowMode: 'array',
  });
  const records = rows.slice(0, first).map((row) => rowToRecord(row as unknown[]));
  const last = records.at(-1);
  return { records, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last) : null };
}

/**
 * Everyone who received a field about a subject since a date (ISA 7.2: a correction must
 * reach every recipient): one line per recipient with when they last received it. Within a
 * data protection officer's scope, only from the records of their organisation's data.
 */
export async function recipientsOf(
  pool: Pool,
  subjectId: string,
  field: string,
  since: string | null,
  scope: { controllerOrg?: string } = {},
) {
  const scoped = scope.controllerOrg !== undefined;
  const { rows } = await pool.query(
    `SELECT requester_id, requester_org, count(*)::int AS times, max(occurred_at) AS last_received, array_agg(DISTINCT request_id) AS request_ids
       FROM disclosure_records
      WHERE subject_id = $1 AND $2 = ANY(fields_disclosed) AND occurred_at >= coalesce($3::timestamptz, '-infinity')
            ${scoped ? 'AND controller_org = $4' : ''}
      GROUP BY requester_id, requester_org ORDER BY max(occurred_at) DESC`,
    scoped ? [subjectId, field, since, scope.controllerOrg] : [subjectId, field, since],
  );
  return rows.map((r) => ({
    userId: r.requester_id as string,
    org: r.requester_org as string,
    times: r.times as number,
    lastReceivedAt: (r.last_received as Date).toISOString(),
    requestIds: r.request_ids as string[],
  }));
}

/** A record's place in the newest-first order, as a page cursor. */
export function encodeCursor(record: DisclosureRecord): string {
  return Buffer.from(JSON.stringify([record.occurredAt, record.writerId, record.seq])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string, number] {
  try {
    const [at, writer, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Checked here, not by PostgreSQL: a cursor it cannot read would otherwise fail as an internal error.
    // The request's NUL check (no-nul-text.ts) cannot see inside the base64.
    if (
      typeof at === 'string' &&
      isIsoDateOrInstant(at) &&
      typeof writer === 'string' &&
      !hasNul(writer) &&
      Number.isSafeInteger(seq) &&
      seq >= 0
    )
      return [at, writer, seq];
  } catch {
    // fall through to the error below
  }
  throw new Error('invalid cursor');
}
