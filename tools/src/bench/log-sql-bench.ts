import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AscendingLogIndexes1795365000000,
  createAuditPool,
  DisclosureLog,
  ensureMonthlyPartitions,
  HubStore,
  INSERT_RECORDS,
} from '@hub/gateway';
import { openPool } from '@hub/shared';
import { createTestDatabase, testRunId, type TestDatabase } from '@hub/shared/testing';
import type { Pool } from 'pg';
import { print } from '../cli-output';
import { dashboardDrafts } from './dashboard-drafts';
import { processCpuMs } from './peers/process-cpu';
import { RESULTS_DIR } from './policy-bench';
import { writeBenchmarkSection } from './report';
import { median, round2 } from './stats';

export interface LogSqlOptions {
  /** Appends per variant per round. */
  appends: number;
  rounds: number;
}

/**
 * `npm run bench -- log-sql`: what PostgreSQL spends on the disclosure log, per dashboard-sized
 * append (100 records, one response), measured as CPU of the backend that runs it (read from
 * /proc, so the server must be on this machine). Variants, each in a fresh database of its own and
 * measured in alternating rounds:
 * - `as built`: DisclosureLog.append, exactly as the gateway writes (one statement, its own commit,
 *   on a connection of the audit pool);
 * - `no secondary indexes`: the same with every index but the primary key dropped, so the
 *   difference is what the auditors' and data protection officers' indexes cost;
 * - `planned per append (before)`: on a connection without the audit pool's session settings,
 *   where PostgreSQL plans the append afresh every time (createAuditPool);
 * - `indexes newest first (before)`: the indexes as they were before migration
 *   AscendingLogIndexes, time descending, so the difference is what that migration saved;
 * - `request-level indexes per response (proposal)`: the filters every record of a response shares
 *   (requester, organisation, initiator, time) indexed once per response in a table of their own,
 *   the records keeping theirs (subject, owner, controller); see indexRequestsOncePerResponse;
 * - `unpacking only`: the statement's SELECT without the INSERT (the JSON parameter parsed and
 *   expanded into rows), so the rest is the write itself.
 * The figures inform a product decision (which filters the log indexes); nothing here changes it.
 */
export async function logSqlBench(options: LogSqlOptions): Promise<void> {
  const variants: Variant[] = [];
  try {
    for (const name of VARIANTS) variants.push(await openVariant(name));
    for (const variant of variants) for (let i = 0; i < Math.ceil(options.appends / 5); i++) await variant.append(); // warm-up
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) variant.perAppend.push(await measure(variant, options.appends));
    }
    const rows = [];
    for (const v of variants) {
      const indexMb = v.name === 'unpacking only' ? null : round2((await secondaryIndexBytes(v.pool)) / 2 ** 20);
      rows.push({ variant: v.name, backendCpuMs: median(v.perAppend), rounds: v.perAppend.map(round2), indexMb });
    }
    for (const row of rows)
      print(
        `${row.variant.padEnd(31)} ${row.backendCpuMs} ms of backend CPU per append (${row.rounds.join(', ')})` +
          (row.indexMb === null ? '' : `; secondary indexes ${row.indexMb} MB`),
      );
    const date = new Date().toISOString();
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'log-sql-latest.json'), `${JSON.stringify({ benchmark: 'log-sql', date, options, rows }, null, 2)}\n`);
    writeBenchmarkSection('log-sql', [
      `PostgreSQL backend CPU per disclosure-log append of one dashboard response (100 records), median of ${options.rounds} alternating rounds of ${options.appends} appends, each variant in a fresh database.`,
      '',
      '| variant | backend CPU ms per append | rounds | secondary indexes after the run, MB |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${r.variant} | ${r.backendCpuMs} | ${r.rounds.join(', ')} | ${r.indexMb ?? '–'} |`),
      '',
      `Measured ${date.slice(0, 16)}Z.`,
    ]);
  } finally {
    for (const variant of variants) await variant.close();
  }
}

const VARIANTS = [
  'as built',
  'planned per append (before)',
  'indexes newest first (before)',
  'request-level indexes per response (proposal)',
  'no secondary indexes',
  'unpacking only',
] as const;
type VariantName = (typeof VARIANTS)[number];

interface Variant {
  name: VariantName;
  append(): Promise<unknown>;
  /** The variant's one connection, for reading its index sizes at the end. */
  pool: Pool;
  perAppend: number[];
  close(): Promise<void>;
}

async function openVariant(name: VariantName): Promise<Variant> {
  const db = await createTestDatabase('hub', testRunId());
  let pool: Pool | undefined;
  try {
    // The hub's own migrations and monthly partitions: the table as a gateway writes to it.
    const store = await HubStore.open(db.url);
    await store.dataSource.destroy();
    // One connection, so that one backend does all the work and its CPU is the variant's: the
    // gateway's audit pool (its session settings), or a plain one for the variant from before them.
    pool =
      name === 'planned per append (before)'
        ? openPool(db.url, { label: 'log-sql-bench', max: 1 })
        : createAuditPool(db.url, { label: 'log-sql-bench', max: 1 });
    await ensureMonthlyPartitions(pool, new Date());
    if (name === 'no secondary indexes') await dropSecondaryIndexes(pool);
    if (name === 'request-level indexes per response (proposal)') await indexRequestsOncePerResponse(pool);
    if (name === 'indexes newest first (before)') await new AscendingLogIndexes1795365000000().down(queryRunner(pool));
    // Its backends' CPU is read from /proc.
    if (processCpuMs(await backendPidOf(pool)) === undefined)
      throw new Error('log-sql: the PostgreSQL server must run on this machine (its backends are read from /proc)');
    const log = new DisclosureLog(pool);
    const opened = pool;
    const append = name === 'unpacking only' ? unpackingOnly(opened) : () => log.append(nextDrafts());
    return { name, append, pool: opened, perAppend: [], close: () => closeVariant(opened, db) };
  } catch (error) {
    if (pool) await closeVariant(pool, db);
    else await db.drop();
    throw error;
  }
}

async function closeVariant(pool: Pool, db: TestDatabase): Promise<void> {
  await pool.end();
  await db.drop();
}

async function measure(variant: Variant, appends: number): Promise<number> {
  // Read each round: the pool closes a connection left idle while the other variants ran, and the
  // next round's appends run on a new backend.
  const backend = await backendPidOf(variant.pool);
  const before = processCpuMs(backend)!;
  for (let i = 0; i < appends; i++) await variant.append();
  const after = processCpuMs(backend);
  if (after === undefined || (await backendPidOf(variant.pool)) !== backend)
    throw new Error(`log-sql: ${variant.name}'s connection changed during a round; its backend CPU was not measured`);
  return (after - before) / appends;
}

/** The backend of the pool's one connection. */
async function backendPidOf(pool: Pool): Promise<number> {
  return (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
}

/** What a migration needs of TypeORM's query runner to run its statements on this pool. */
function queryRunner(pool: Pool): Parameters<AscendingLogIndexes1795365000000['down']>[0] {
  return { query: (sql: string) => pool.query(sql) } as unknown as Parameters<AscendingLogIndexes1795365000000['down']>[0];
}

/** The size of the log's secondary indexes over every partition (and the proposal's response table's): what auditors' filters keep on disk and in cache. */
async function secondaryIndexBytes(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ bytes: string }>(
    `SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) AS bytes
       FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indrelid
      WHERE (h.inhparent = 'disclosure_records'::regclass AND NOT i.indisprimary)
            -- the proposal's per-response table: all of its indexes are the auditors' filters
            OR h.inhparent = to_regclass('disclosure_responses')`,
  );
  return Number(rows[0]!.bytes);
}

async function dropSecondaryIndexes(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'disclosure_records'::regclass AND NOT i.indisprimary`,
  );
  for (const { name } of rows) await pool.query(`DROP INDEX ${name}`);
}

/** The indexes whose key every record of one response shares: what a per-response table would index instead. */
const REQUEST_LEVEL_INDEXES = [
  'disclosure_records_by_requester',
  'disclosure_records_by_org',
  'disclosure_records_by_initiator',
  'disclosure_records_by_initiator_org',
  'disclosure_records_by_time',
];

/** The proposal's indexes on its response table: name, columns, predicate. */
const RESPONSE_INDEXES = [
  ['by_requester', '(requester_id, occurred_at)', ''],
  ['by_org', '(requester_org, occurred_at)', ''],
  ['by_time', '(occurred_at, writer_id, from_seq)', ''],
  ['by_initiator', '(initiator_id, occurred_at)', 'WHERE initiator_id IS NOT NULL'],
  ['by_initiator_org', '(initiator_org, occurred_at)', 'WHERE initiator_org IS NOT NULL'],
] as const;

/**
 * A layout proposed for the log, measured without rewriting its readers: the request-level
 * indexes dropped from the records, and one row per response (its writer, first and last
 * position, time, requester, organisation, initiator) in `disclosure_responses`, indexed for
 * those filters, written in the append's own transaction by a statement trigger over the rows
 * it inserted. An upper bound of that layout's cost: a real append would insert the response
 * rows from its parameter's groups directly, where the trigger groups the inserted rows again.
 */
async function indexRequestsOncePerResponse(pool: Pool): Promise<void> {
  for (const name of REQUEST_LEVEL_INDEXES) await pool.query(`DROP INDEX ${name}`);
  await pool.query(`
    CREATE TABLE disclosure_responses (
      writer_id text NOT NULL, from_seq bigint NOT NULL, to_seq bigint NOT NULL, occurred_at timestamptz NOT NULL,
      request_id text NOT NULL, requester_id text NOT NULL, requester_org text NOT NULL,
      initiator_id text, initiator_org text,
      PRIMARY KEY (writer_id, from_seq, occurred_at)
    ) PARTITION BY RANGE (occurred_at)`);
  await pool.query('CREATE TABLE disclosure_responses_default PARTITION OF disclosure_responses DEFAULT');
  for (const [name, columns, where] of RESPONSE_INDEXES)
    await pool.query(`CREATE INDEX disclosure_responses_${name} ON disclosure_responses ${columns} ${where}`);
  await pool.query(`
    CREATE FUNCTION log_sql_bench_responses() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO disclosure_responses
        SELECT writer_id, min(seq), max(seq), occurred_at, request_id, requester_id, requester_org, initiator_id, initiator_org
          FROM inserted GROUP BY writer_id, occurred_at, request_id, requester_id, requester_org, initiator_id, initiator_org;
      RETURN NULL;
    END $$`);
  await pool.query(`
    CREATE TRIGGER log_sql_bench_responses AFTER INSERT ON disclosure_records
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION log_sql_bench_responses()`);
}

/**
 * The INSERT's rows built and counted, not written: its parameter parsed and expanded as the
 * gateway's statement does (insert-records.ts), on a chain the log hashes as it would.
 */
function unpackingOnly(pool: Pool): () => Promise<unknown> {
  // A log that writes nowhere, to get the exact parameter the gateway would send (its first value).
  let parameter: unknown;
  const capture = {
    connect: async () => ({
      query: async (config: { values: unknown[] }) => {
        parameter = config.values[0];
        return { rows: [] };
      },
      release: () => undefined,
    }),
  } as unknown as Pool;
  const log = new DisclosureLog(capture);
  return async () => {
    await log.append(nextDrafts());
    return pool.query({ name: 'log_sql_unpack', text: UNPACK, values: [parameter] });
  };
}

/** The append statement's rows, counted instead of inserted. */
const UNPACK = `SELECT count(*) FROM (${INSERT_RECORDS.replace(/INSERT INTO disclosure_records \([^)]*\)\s*SELECT/, 'SELECT')}) AS rows`;

let requests = 0;
const nextDrafts = () => dashboardDrafts(`log-sql-bench-${process.pid}-${++requests}`);
