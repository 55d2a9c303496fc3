import { createHash, randomUUID } from 'node:crypto';
import { DEMO_USERS, NGO_ORGS, Prng, soleControllerOf, subjectId, type DemoUser } from '@hub/shared';
import type { Pool } from 'pg';
import {
  GENESIS_HASH,
  hashRecord,
  RECORD_COLUMNS,
  recordToRow,
  type DisclosureRecord,
  type DraftDisclosure,
} from '../audit/disclosure-record';
import { ensureMonthlyPartitions } from '../audit/partitions';

/**
 * Realistic disclosure logs in bulk, for tests and the audit benchmark: valid hash chains (as
 * the gateway writes them, only faster), and unchained filler to make a large table.
 */

/** Writer ids of unchained filler: its hashes are placeholders, so verification must be told to skip it. */
export const BULK_WRITER_PREFIX = 'bulk-';

const DAY_MS = 86_400_000;
const SUBJECTS = 100_000;
const AGREEMENT = 'isa-msht-wm@1';

/** Per owner: fields a response may carry, the rule that allows them, its lawful basis. */
const OWNERS = [
  {
    owner: 'police',
    weight: 4,
    rule: 'R2-police-identity',
    basis: 'DPA_2018_SCH2_PARA2',
    fields: [
      'PoliceRecord.names',
      'PoliceRecord.dateOfBirth',
      'PoliceRecord.nationality',
      'PoliceRecord.pvotMarker',
      'PoliceRecord.roles',
      'PoliceRecord.currentAddress',
      'PoliceRecord.intelligence',
    ],
  },
  {
    owner: 'local-authority',
    weight: 3,
    rule: 'R5-council-housing-to-police',
    basis: 'CDA_1998_S115',
    fields: [
      'LocalAuthorityRecord.names',
      'LocalAuthorityRecord.housing',
      'LocalAuthorityRecord.landlordOf',
      'Location.hmoLicence',
      'Location.reportedOccupants',
    ],
  },
  {
    owner: 'nhs',
    weight: 2,
    rule: 'R6-nhs-to-council-safeguarding',
    basis: 'DPA_2018_SCH1_PARA18',
    fields: ['HealthRecord.safeguardingFlags', 'Attendance.attendedOn', 'Attendance.site'],
  },
  { owner: 'ngo', weight: 1, rule: 'R7-ngo-within-consent', basis: 'CONSENT', fields: ['Person.support'] },
] as const;

const OPERATIONS = ['SafeguardingDashboard', 'PersonProfile', 'LocationConcerns', 'CaseReview', null] as const;
const OPERATION_HASHES = new Map(
  OPERATIONS.map((name) => [
    name,
    createHash('sha256')
      .update(`query ${name ?? ''} { ... }`)
      .digest('hex'),
  ]),
);

const REQUESTERS: readonly DemoUser[] = DEMO_USERS.filter((u) => u.approval);

export interface ValidChainOptions {
  count: number;
  writerId?: string;
  /** The first record's time; the others follow, evenly spread over `spanDays`. */
  from: Date;
  spanDays: number;
  seed: string | number;
  /** Concurrent INSERT connections (default 2). */
  connections?: number;
}

export interface BulkWriteResult {
  writerIds: string[];
  records: number;
  seconds: number;
  rowsPerSecond: number;
}

/** Rows per INSERT: the statement takes one array per column (unnest), so it is never near PostgreSQL's parameter limit. */
const CHAIN_ROWS_PER_INSERT = 10_000;

/**
 * Writes one writer's valid chain of `count` records, as the gateway would have written them:
 * hashes computed here, rows inserted in big batches over several connections, the writer's
 * head in log_writers. Creates the monthly partitions of the span first, so no record lands in
 * the default partition (which would then block creating its month).
 */
export async function writeValidChain(
  pool: Pool,
  options: ValidChainOptions,
): Promise<BulkWriteResult & { head: { writerId: string; seq: number; hash: string } }> {
  const started = performance.now();
  const writerId = options.writerId ?? `chain-${randomUUID().slice(0, 8)}`;
  await ensurePartitionsFor(pool, options.from, options.spanDays);
  const drafts = demoDisclosures(new Prng(options.seed), options.from, options.spanDays, options.count);
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  let head = GENESIS_HASH;
  while (seq < options.count) {
    const batch: DisclosureRecord[] = [];
    for (let i = 0; i < CHAIN_ROWS_PER_INSERT && seq < options.count; i++) {
      const unhashed = { ...drafts.next(), writerId, seq: ++seq, prevHash: head };
      head = hashRecord(unhashed);
      batch.push({ ...unhashed, hash: head });
    }
    const insert = insertRecords(pool, batch).finally(() => inFlight.delete(insert));
    inFlight.add(insert);
    if (inFlight.size >= (options.connections ?? 2)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await pool.query(
    `INSERT INTO log_writers (writer_id, head_seq, head_hash) VALUES ($1, $2, $3)
     ON CONFLICT (writer_id) DO UPDATE SET head_seq = $2, head_hash = $3`,
    [writerId, seq, head],
  );
  return { ...timing(started, options.count), writerIds: [writerId], head: { writerId, seq, hash: head } };
}

/** Column types for unnest: array columns travel as their text literals and are cast back. */
const COLUMN_TYPES: Record<(typeof RECORD_COLUMNS)[number], string> = {
  writer_id: 'text',
  seq: 'bigint',
  occurred_at: 'timestamptz',
  request_id: 'text',
  operation_name: 'text',
  operation_hash: 'text',
  requester_id: 'text',
  requester_org: 'text',
  requester_roles: 'text[]',
  purpose: 'text',
  lawful_bases: 'text[]',
  case_ref: 'text',
  agreements: 'text[]',
  rule_ids: 'text[]',
  owner: 'text',
  subject_type: 'text',
  subject_id: 'text',
  fields_disclosed: 'text[]',
  withheld_json: 'text',
  prev_hash: 'text',
  hash: 'text',
  initiator_id: 'text',
  initiator_org: 'text',
  controller_org: 'text',
};

const INSERT_BY_COLUMNS = `INSERT INTO disclosure_records (${RECORD_COLUMNS.join(', ')})
  SELECT ${RECORD_COLUMNS.map((c) => (COLUMN_TYPES[c] === 'text[]' ? `${c}::text[]` : c)).join(', ')}
    FROM unnest(${RECORD_COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c] === 'text[]' ? 'text' : COLUMN_TYPES[c]}[]`).join(', ')})
      AS u(${RECORD_COLUMNS.join(', ')})`;

async function insertRecords(pool: Pool, records: DisclosureRecord[]): Promise<void> {
  const columns: unknown[][] = RECORD_COLUMNS.map(() => []);
  for (const record of records) {
    const row = recordToRow(record);
    for (let c = 0; c < row.length; c++) {
      const value = row[c];
      columns[c]!.push(Array.isArray(value) ? arrayLiteral(value as string[]) : value);
    }
  }
  await pool.query(INSERT_BY_COLUMNS, columns);
}

/** A PostgreSQL array literal, every element quoted: `{"a","b \"c\""}`. */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Disclosures as the gateway logs them: requests by approved demo users for one of their
 * purposes, each about one subject (a few subjects are asked about far more than the rest) and
 * answered by one to four owners, one record per owner; times spread evenly over the span.
 */
export function demoDisclosures(prng: Prng, from: Date, spanDays: number, count: number): { next(): DraftDisclosure } {
  const stepMs = (spanDays * DAY_MS) / Math.max(count, 1);
  let index = 0;
  let request: DraftDisclosure[] = [];
  return {
    next() {
      if (request.length === 0) request = demoRequest(prng, new Date(from.getTime() + Math.floor(index * stepMs)));
      index += 1;
      return request.shift()!;
    },
  };
}

function demoRequest(prng: Prng, at: Date): DraftDisclosure[] {
  const user = prng.pick(REQUESTERS);
  const purpose = prng.pick(user.approval!.purposes);
  const operationName = prng.pick(OPERATIONS);
  const subject = subjectId(1 + Math.floor(SUBJECTS * prng.next() ** 2));
  const requestId = uuidFrom(prng);
  const caseRef = prng.chance(0.9)
    ? `${user.org.slice(0, 3).toUpperCase()}-${at.getUTCFullYear()}-${String(prng.int(1, 9999)).padStart(4, '0')}`
    : null;
  const owners = OWNERS.filter(() => prng.chance(0.6));
  return (owners.length > 0 ? owners : [prng.weighted(OWNERS.map((o) => [o, o.weight] as const))]).map((o) => {
    const disclosed = o.fields.filter(() => prng.chance(0.7));
    const withheld = o.fields.filter((f) => !disclosed.includes(f)).slice(0, 2);
    return {
      occurredAt: at.toISOString(),
      requestId,
      operationName,
      operationHash: OPERATION_HASHES.get(operationName)!,
      requesterId: user.id,
      requesterOrg: user.org,
      requesterRoles: [...user.roles],
      purpose,
      lawfulBases: [o.basis],
      caseRef,
      agreements: [AGREEMENT],
      ruleIds: disclosed.length > 0 ? [o.rule] : [],
      owner: o.owner,
      subjectType: 'Person',
      subjectId: subject,
      fieldsDisclosed: disclosed,
      withheldJson: JSON.stringify(withheld.map((field) => ({ field, rule: 'default-deny', reason: 'NO_MATCHING_RULE' }))),
      initiatorId: null,
      initiatorOrg: null,
      controllerOrg: controllerFor(o.owner, subject),
    };
  });
}

/**
 * A record's data controller as the gateway would name it: the partner's one organisation, or
 * for the charities' records one of the charities, chosen by the subject (so a subject's support
 * stays with one charity) without drawing from the generator, whose sequence the tests rely on.
 */
function controllerFor(owner: string, subject: string): string {
  return soleControllerOf(owner) ?? NGO_ORGS[Number(subject.slice(-6)) % NGO_ORGS.length]!;
}

function uuidFrom(prng: Prng): string {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(prng.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface UnchainedOptions {
  count: number;
  from: Date;
  spanDays: number;
  /** Rows per INSERT ... SELECT, each chunk one writer `bulk-<n>` (default 250,000). */
  chunk?: number;
  /** Concurrent chunks (default 2). */
  connections?: number;
  onProgress?: (written: number) => void;
}

/**
 * Unchained filler in the shape of real records, generated by PostgreSQL itself (INSERT ...
 * SELECT FROM generate_series), in time order so that each chunk fills one month's partition and
 * its indexes stay in memory: tens of millions of rows in minutes, for query benchmarks. Its
 * hashes are the placeholder 'bulk'; verify with `skipWriters: [BULK_WRITER_PREFIX]`.
 */
export async function writeBulkUnchained(pool: Pool, options: UnchainedOptions): Promise<BulkWriteResult> {
  const started = performance.now();
  await ensurePartitionsFor(pool, options.from, options.spanDays);
  const chunk = options.chunk ?? 250_000;
  const chunks = Math.ceil(options.count / chunk);
  const writerIds: string[] = [];
  let next = 0;
  let written = 0;
  const worker = async () => {
    for (let n = next++; n < chunks; n = next++) {
      const first = n * chunk;
      const rows = Math.min(chunk, options.count - first);
      writerIds.push(`${BULK_WRITER_PREFIX}${n}`);
      await pool.query(BULK_INSERT, [
        `${BULK_WRITER_PREFIX}${n}`,
        rows,
        options.from.toISOString(),
        first,
        (options.spanDays * DAY_MS) / options.count,
        n / chunks,
      ]);
      written += rows;
      options.onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: options.connections ?? 2 }, worker));
  return { ...timing(started, options.count), writerIds: writerIds.sort() };
}

const sqlList = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * $1 writer id, $2 rows, $3 start time, $4 index of the chunk's first row in the whole load,
 * $5 milliseconds between rows, $6 random seed in [0, 1]. Random choices are made once per row
 * in the inner SELECT (u = requester, o = owner), so a row's columns agree with each other.
 */
const BULK_INSERT = `
  WITH seeded AS (SELECT setseed($6::float8))
  INSERT INTO disclosure_records (${RECORD_COLUMNS.join(', ')})
  SELECT $1::text, g, $3::timestamptz + ($4::bigint + g) * $5::float8 * interval '1 millisecond',
         gen_random_uuid()::text, (${sqlList(OPERATIONS.flatMap((o) => (o === null ? [] : [o])))})[op],
         (${sqlList([...OPERATION_HASHES.values()])})[op],
         (${sqlList(REQUESTERS.map((u) => u.id))})[u], (${sqlList(REQUESTERS.map((u) => u.org))})[u],
         ARRAY[(${sqlList(REQUESTERS.map((u) => u.roles[0]!))})[u]],
         (${sqlList(REQUESTERS.map((u) => u.approval!.purposes[0]!))})[u],
         ARRAY[(${sqlList(OWNERS.map((o) => o.basis))})[o]],
         CASE WHEN g % 10 = 0 THEN NULL ELSE 'CASE-' || lpad((g % 9973)::text, 4, '0') END,
         ARRAY['${AGREEMENT}'], ARRAY[(${sqlList(OWNERS.map((o) => o.rule))})[o]],
         (${sqlList(OWNERS.map((o) => o.owner))})[o], 'Person',
         'SUBJ-' || lpad((1 + floor(${SUBJECTS} * s * s))::int::text, 6, '0'),
         (${sqlList(OWNERS.map((o) => `{${o.fields.slice(0, 3).join(',')}}`))})[o]::text[],
         '[]', 'bulk', 'bulk', NULL, NULL,
         CASE WHEN (${sqlList(OWNERS.map((o) => o.owner))})[o] = 'ngo'
              THEN (${sqlList(NGO_ORGS)})[1 + (1 + floor(${SUBJECTS} * s * s))::int % ${NGO_ORGS.length}]
              ELSE (${sqlList(OWNERS.map((o) => soleControllerOf(o.owner) ?? ''))})[o] END
    FROM (SELECT g, 1 + floor(random() * ${REQUESTERS.length})::int AS u, 1 + floor(random() * ${OWNERS.length})::int AS o,
                 1 + floor(random() * ${OPERATIONS.length - 1})::int AS op, random() AS s
            FROM seeded, generate_series(1, $2::int) AS g) AS r`;

async function ensurePartitionsFor(pool: Pool, from: Date, spanDays: number): Promise<void> {
  const end = new Date(from.getTime() + spanDays * DAY_MS);
  const months = (end.getUTCFullYear() - from.getUTCFullYear()) * 12 + end.getUTCMonth() - from.getUTCMonth();
  await ensureMonthlyPartitions(pool, from, 0, months);
}

function timing(started: number, records: number): { records: number; seconds: number; rowsPerSecond: number } {
  const seconds = (performance.now() - started) / 1000;
  return { records, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(records / seconds) };
}
