import type { Pool } from 'pg';

export interface LogRead {
  requestId: string;
  readerId: string;
  readerOrg: string;
  readerRoles: readonly string[];
  /** The auditors' query: disclosures, recipientsOf, disclosureAnomalies, verifyDisclosureLog. */
  query: string;
  arguments: Record<string, unknown>;
  recordsReturned: number;
  /** The subjects the answer is about. */
  subjectIds: readonly string[];
}

export interface LogReadRow extends LogRead {
  id: string;
  occurredAt: string;
}

/**
 * Records a read of the disclosure log before its answer is sent: an answer whose reading cannot
 * be recorded is not sent (the caller turns the error into AUDIT_UNAVAILABLE).
 */
export async function recordLogRead(pool: Pool, read: LogRead): Promise<void> {
  await pool.query(
    `INSERT INTO log_reads (request_id, reader_id, reader_org, reader_roles, query, arguments_json, records_returned, subject_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      read.requestId,
      read.readerId,
      read.readerOrg,
      read.readerRoles,
      read.query,
      JSON.stringify(read.arguments),
      read.recordsReturned,
      [...new Set(read.subjectIds)],
    ],
  );
}

/** The newest reads, optionally only those about one subject. */
export async function findLogReads(pool: Pool, options: { subjectId?: string | null; first: number }): Promise<LogReadRow[]> {
  const { rows } = await pool.query(
    `SELECT id, occurred_at, request_id, reader_id, reader_org, reader_roles, query, arguments_json, records_returned, subject_ids
       FROM log_reads WHERE ($1::text IS NULL OR subject_ids @> ARRAY[$1::text]) ORDER BY occurred_at DESC, id DESC LIMIT $2`,
    [options.subjectId ?? null, options.first],
  );
  return rows.map((r) => ({
    id: String(r.id),
    occurredAt: (r.occurred_at as Date).toISOString(),
    requestId: r.request_id,
    readerId: r.reader_id,
    readerOrg: r.reader_org,
    readerRoles: r.reader_roles,
    query: r.query,
    arguments: JSON.parse(r.arguments_json),
    recordsReturned: r.records_returned,
    subjectIds: r.subject_ids,
  }));
}
