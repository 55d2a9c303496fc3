import { createHash } from 'node:crypto';

/**
 * One disclosure: what one response carried (or withheld) of one owner's data about one
 * subject (docs/disclosure-log.md). It never holds the disclosed values, only which fields left.
 */
export interface DisclosureRecord {
  /** The gateway process that wrote it; each writer keeps its own hash chain. */
  writerId: string;
  /** Position in the writer's chain, from 1, without gaps. */
  seq: number;
  /** ISO 8601 with milliseconds, as written (and as hashed). */
  occurredAt: string;
  requestId: string;
  operationName: string | null;
  /** sha256 of the operation text the client sent. */
  operationHash: string;
  requesterId: string;
  requesterOrg: string;
  requesterRoles: readonly string[];
  purpose: string | null;
  /** The lawful bases the allowing rules rely on (the header's, when given). */
  lawfulBases: readonly string[];
  caseRef: string | null;
  /** `id@version` of the agreements whose rules decided. */
  agreements: readonly string[];
  /** The rules that allowed the disclosed fields. */
  ruleIds: readonly string[];
  /** The partner whose data it is. */
  owner: string;
  subjectType: string | null;
  subjectId: string | null;
  /** Field coordinates that carried a non-null value in the response. */
  fieldsDisclosed: readonly string[];
  /** JSON of `[{ field, rule, reason }]`: fields withheld, as the client was told. Kept as text so it hashes exactly. */
  withheldJson: string;
  prevHash: string;
  hash: string;
  /**
   * Who made the disclosure happen when the recipient did not ask for it themselves: a referral's
   * referrer (user id and organisation), while the provider is the requester. Both or neither.
   */
  initiatorId: string | null;
  initiatorOrg: string | null;
  /**
   * The organisation whose data the record's fields are (its data controller): the owner's one
   * organisation, or for the ngo partner the charity whose support episodes carried them. Null
   * when the hub could not establish it, and on records written before the column existed; a data
   * protection officer's scope never matches null (only the audit panel sees those records).
   */
  controllerOrg: string | null;
}

export type DraftDisclosure = Omit<DisclosureRecord, 'writerId' | 'seq' | 'prevHash' | 'hash'>;

/** The chain's start for every writer. */
export const GENESIS_HASH = '0'.repeat(64);

/** Separates the columns in the hashed text; no value may contain it (the writer refuses one that does). */
export const SEPARATOR = '\x1f';

/** Nullable columns, in order: bit i of the null mask is set when the i-th is null. */
const NULLABLE = ['operationName', 'purpose', 'caseRef', 'subjectType', 'subjectId'] as const;

/**
 * The bytes a record's hash covers: every column but the hash, in a fixed order, including the
 * previous record's hash, written exactly as PostgreSQL prints them (arrays as array_out does,
 * the time as timestamptz does in UTC). The verifier can then hash what the database sends
 * (CANONICAL_SELECT) without re-encoding a record. Changing any column of any record, removing
 * one or slipping one in breaks the chain from there on.
 */
export function canonicalRecord(record: Omit<DisclosureRecord, 'hash'>): string {
  const nullMask = NULLABLE.reduce((mask, column, i) => (record[column] === null ? mask | (1 << i) : mask), 0);
  const parts = [
    record.writerId,
    String(record.seq),
    String(nullMask),
    pgTimestamp(record.occurredAt),
    record.requestId,
    record.operationName ?? '',
    record.operationHash,
    record.requesterId,
    record.requesterOrg,
    pgArray(record.requesterRoles),
    record.purpose ?? '',
    pgArray(record.lawfulBases),
    record.caseRef ?? '',
    pgArray(record.agreements),
    pgArray(record.ruleIds),
    record.owner,
    record.subjectType ?? '',
    record.subjectId ?? '',
    pgArray(record.fieldsDisclosed),
    record.withheldJson,
    record.prevHash,
  ];
  // The initiator is hashed after the previous hash, and only when there is one: PostgreSQL's
  // concat_ws skips NULLs the same way, so records written before the columns existed keep their
  // hashes, and "both or neither" keeps the positions unambiguous.
  if ((record.initiatorId === null) !== (record.initiatorOrg === null))
    throw new Error('a disclosure record names an initiator user without an organisation, or the reverse');
  if (record.initiatorId !== null) parts.push(record.initiatorId, record.initiatorOrg!);
  // The controller likewise, last and only when there is one. The positions stay unambiguous by
  // count alone: 21 parts with neither, 22 with a controller, 23 with an initiator, 24 with both.
  if (record.controllerOrg !== null) parts.push(record.controllerOrg);
  for (const part of parts) {
    if (part.includes(SEPARATOR)) throw new Error('a disclosure record value contains the column separator');
  }
  return parts.join(SEPARATOR);
}

/** The same text, assembled by PostgreSQL (TimeZone UTC, DateStyle ISO), beside the stored hash. */
export const CANONICAL_SELECT = `writer_id, seq, concat_ws(chr(31), writer_id, seq,
  ${NULLABLE.map((c, i) => `(${snake(c)} IS NULL)::int * ${2 ** i}`).join(' + ')},
  occurred_at, request_id, coalesce(operation_name, ''), operation_hash, requester_id, requester_org, requester_roles,
  coalesce(purpose, ''), lawful_bases, coalesce(case_ref, ''), agreements, rule_ids, owner, coalesce(subject_type, ''),
  coalesce(subject_id, ''), fields_disclosed, withheld_json, prev_hash, initiator_id, initiator_org, controller_org), prev_hash, hash`;

/** `2026-01-05T10:11:12.340Z` as timestamptz prints in UTC: `2026-01-05 10:11:12.34+00`. */
export function pgTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})\.(\d{3})Z$/.exec(iso);
  if (!match) throw new Error(`occurredAt must be an ISO time with milliseconds in UTC, not ${iso}`);
  const fraction = match[3]!.replace(/0+$/, '');
  return `${match[1]} ${match[2]}${fraction ? `.${fraction}` : ''}+00`;
}

/**
 * A text[] as array_out prints it: elements quoted when empty, NULL-like, or holding {}",\ or
 * white space. A frozen list cannot change, so its text is worked out once: a response's records
 * share a few frozen lists (drafts.ts), which the chain's hash and the INSERT's parameter both print.
 */
export function pgArray(values: readonly string[]): string {
  const frozen = Object.isFrozen(values);
  const known = frozen ? printedLists.get(values) : undefined;
  if (known !== undefined) return known;
  const text = `{${values.map((v) => (QUOTED.test(v) ? `"${v.replace(/[\\"]/g, '\\$&')}"` : v)).join(',')}}`;
  if (frozen) printedLists.set(values, text);
  return text;
}

const printedLists = new WeakMap<readonly string[], string>();

/** Empty, NULL in any case, or holding {}",\ or white space as array_out sees it: one test per element. */
const QUOTED = /^$|^null$|[{}",\\ \t\n\r\v\f]/i;

function snake(column: string): string {
  return column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Every column but the hash, in RECORD_COLUMNS order: the start of a row. */
function valuesBeforeHash(record: Omit<DisclosureRecord, 'hash'>): unknown[] {
  return [
    record.writerId,
    record.seq,
    record.occurredAt,
    record.requestId,
    record.operationName,
    record.operationHash,
    record.requesterId,
    record.requesterOrg,
    record.requesterRoles,
    record.purpose,
    record.lawfulBases,
    record.caseRef,
    record.agreements,
    record.ruleIds,
    record.owner,
    record.subjectType,
    record.subjectId,
    record.fieldsDisclosed,
    record.withheldJson,
    record.prevHash,
  ];
}

export function hashRecord(record: Omit<DisclosureRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalRecord(record)).digest('hex');
}

/** Column order of `disclosure_records`, shared by the writer, the reader and the bulk generator. */
export const RECORD_COLUMNS = [
  'writer_id',
  'seq',
  'occurred_at',
  'request_id',
  'operation_name',
  'operation_hash',
  'requester_id',
  'requester_org',
  'requester_roles',
  'purpose',
  'lawful_bases',
  'case_ref',
  'agreements',
  'rule_ids',
  'owner',
  'subject_type',
  'subject_id',
  'fields_disclosed',
  'withheld_json',
  'prev_hash',
  'hash',
  // Added later (migration DisclosureInitiator): ALTER TABLE puts them after the hash.
  'initiator_id',
  'initiator_org',
  // Added later still (migration DisclosureController), after them.
  'controller_org',
] as const;

export function recordToRow(record: DisclosureRecord): unknown[] {
  return [...valuesBeforeHash(record), record.hash, record.initiatorId, record.initiatorOrg, record.controllerOrg];
}

/** A row as `pg` returns it in array mode, in RECORD_COLUMNS order. */
export function rowToRecord(row: unknown[]): DisclosureRecord {
  return {
    writerId: row[0] as string,
    seq: Number(row[1]),
    occurredAt: (row[2] as Date).toISOString(),
    requestId: row[3] as string,
    operationName: row[4] as string | null,
    operationHash: row[5] as string,
    requesterId: row[6] as string,
    requesterOrg: row[7] as string,
    requesterRoles: row[8] as string[],
    purpose: row[9] as string | null,
    lawfulBases: row[10] as string[],
    caseRef: row[11] as string | null,
    agreements: row[12] as string[],
    ruleIds: row[13] as string[],
    owner: row[14] as string,
    subjectType: row[15] as string | null,
    subjectId: row[16] as string | null,
    fieldsDisclosed: row[17] as string[],
    withheldJson: row[18] as string,
    prevHash: row[19] as string,
    hash: row[20] as string,
    initiatorId: (row[21] as string | null) ?? null,
    initiatorOrg: (row[22] as string | null) ?? null,
    controllerOrg: (row[23] as string | null) ?? null,
  };
}
