import type { CustomTypesConfig, Pool, PoolClient } from 'pg';

/** Which records to read: a period of `occurred_at` (from inclusive, to exclusive), and writers to leave out. */
export interface RecordSelection {
  from?: Date;
  to?: Date;
  /** Writer id prefixes to leave out, e.g. `['bulk-']` for benchmark filler that has no chain. */
  skipWriters?: readonly string[];
}

/** A part of the chains by position: seq in (above, atMost]. Lets two connections share one read. */
export interface SeqRange {
  above?: number;
  atMost?: number;
}

export interface RowStream {
  /** The select list, e.g. RECORD_COLUMNS joined. */
  select: string;
  order: 'chain' | 'time';
  /** Type parsers, when pg's defaults do not suit. */
  types?: CustomTypesConfig;
}

/**
 * Runs `work` on `count` connections whose read-only, repeatable-read transactions all see one
 * snapshot of the log (the first exports it, the others import it): reads split across
 * connections add up to exactly what one connection would have read.
 */
export async function inSharedSnapshot<T>(pool: Pool, count: number, work: (clients: PoolClient[]) => Promise<T>): Promise<T> {
  const clients: PoolClient[] = [];
  try {
    for (let i = 0; i < Math.max(count, 1); i++) clients.push(await pool.connect());
    const [main, ...helpers] = clients as [PoolClient, ...PoolClient[]];
    await main.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (helpers.length > 0) {
      const { rows } = await main.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
      for (const helper of helpers) {
        await helper.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await helper.query(`SET TRANSACTION SNAPSHOT '${rows[0]!.snapshot.replace(/'/g, "''")}'`);
      }
    }
    const result = await work(clients);
    for (const client of clients) await client.query('COMMIT');
    return result;
  } catch (error) {
    await Promise.all(clients.map((client) => client.query('ROLLBACK').catch(() => undefined)));
    throw error;
  } finally {
    clients.forEach((client) => client.release());
  }
}

/** Runs `work` in one read-only, repeatable-read transaction: a single snapshot of the log. */
export function inReadOnlySnapshot<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return inSharedSnapshot(pool, 1, ([client]) => work(client!));
}

/**
 * Rows per FETCH: enough that round trips cost little, few enough that a batch's rows die young
 * (bigger batches measured slower: they outlive the young generation and cost full GCs).
 */
const FETCH_SIZE = 5_000;

/**
 * Streams rows of `disclosure_records` as pg array rows, a batch at a time, through a server-side
 * cursor: memory stays flat whatever the size of the log, and the next batch is already asked for
 * while this one is handled. Call it inside a transaction (a cursor lives in one); it sets the
 * transaction's TimeZone to UTC, so times print as `2026-01-05 10:11:12.345+00`.
 */
export async function streamRecordRows(
  client: PoolClient,
  selection: RecordSelection & { seq?: SeqRange },
  stream: RowStream,
  /** Returns false to stop reading. */
  onRows: (rows: unknown[][]) => boolean | Promise<boolean>,
): Promise<void> {
  const { where, values } = whereClause(selection);
  const orderBy = stream.order === 'chain' ? 'writer_id, seq, occurred_at' : 'occurred_at, writer_id, seq';
  await client.query("SET LOCAL TimeZone = 'UTC'");
  await client.query(
    `DECLARE records NO SCROLL CURSOR FOR SELECT ${stream.select} FROM disclosure_records ${where} ORDER BY ${orderBy}`,
    values,
  );
  const fetch = () => {
    const rows = client.query<unknown[]>({
      text: `FETCH ${FETCH_SIZE} FROM records`,
      rowMode: 'array',
      ...(stream.types && { types: stream.types }),
    });
    rows.catch(() => undefined); // if onRows throws meanwhile, the caller's rollback reports the failure
    return rows;
  };
  let next = fetch();
  for (;;) {
    const { rows } = await next;
    const more = rows.length === FETCH_SIZE;
    if (more) next = fetch();
    if (!(await onRows(rows)) || !more) {
      if (more) await next; // let the query already sent finish before the cursor closes
      break;
    }
  }
  await client.query('CLOSE records');
}

function whereClause(selection: RecordSelection & { seq?: SeqRange }): { where: string; values: unknown[] } {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (selection.from) {
    values.push(selection.from.toISOString());
    conditions.push(`occurred_at >= $${values.length}`);
  }
  if (selection.to) {
    values.push(selection.to.toISOString());
    conditions.push(`occurred_at < $${values.length}`);
  }
  if (selection.seq?.above !== undefined) {
    values.push(selection.seq.above);
    conditions.push(`seq > $${values.length}`);
  }
  if (selection.seq?.atMost !== undefined) {
    values.push(selection.seq.atMost);
    conditions.push(`seq <= $${values.length}`);
  }
  if (selection.skipWriters?.length) {
    values.push(selection.skipWriters.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
    conditions.push(`NOT (writer_id LIKE ANY ($${values.length}::text[]))`);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', values };
}
