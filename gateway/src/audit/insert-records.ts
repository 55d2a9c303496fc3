import { pgArray, RECORD_COLUMNS, type DisclosureRecord } from './disclosure-record';

/** The columns a response's records share: sent once per run of records that agree on them. */
type SharedColumn =
  | 'writer_id'
  | 'occurred_at'
  | 'request_id'
  | 'operation_name'
  | 'operation_hash'
  | 'requester_id'
  | 'requester_org'
  | 'requester_roles'
  | 'purpose'
  | 'case_ref';

type Column = (typeof RECORD_COLUMNS)[number];

/** Where each record's own values sit in its row array (`r`); lists and the withheld JSON are indexes into the dictionary. */
const OWN = {
  seq: 0,
  lawful_bases: 1,
  agreements: 2,
  rule_ids: 3,
  owner: 4,
  subject_type: 5,
  subject_id: 6,
  fields_disclosed: 7,
  withheld_json: 8,
  hash: 9,
  initiator_id: 10,
  initiator_org: 11,
  controller_org: 12,
} as const;

const own = (column: keyof typeof OWN) => `r.v->>${OWN[column]}`;
const fromDictionary = (column: keyof typeof OWN) => `p.j->'d'->>((r.v->>${OWN[column]})::int)`;

/** The list columns, each read from the statement's table of lists (`lists`) through a join of its own. */
const LIST_COLUMNS = ['lawful_bases', 'agreements', 'rule_ids', 'fields_disclosed'] as const;
const listJoin = (column: (typeof LIST_COLUMNS)[number]) => `${column}_list`;
const fromLists = (column: (typeof LIST_COLUMNS)[number]) => `${listJoin(column)}.a`;

/** How each column is read from the parameter. */
const SELECTED: Record<Column, string> = {
  writer_id: 'g.writer_id',
  seq: `(${own('seq')})::bigint`,
  occurred_at: 'g.occurred_at',
  request_id: 'g.request_id',
  operation_name: 'g.operation_name',
  operation_hash: 'g.operation_hash',
  requester_id: 'g.requester_id',
  requester_org: 'g.requester_org',
  requester_roles: 'g.requester_roles',
  purpose: 'g.purpose',
  lawful_bases: fromLists('lawful_bases'),
  case_ref: 'g.case_ref',
  agreements: fromLists('agreements'),
  rule_ids: fromLists('rule_ids'),
  owner: own('owner'),
  subject_type: own('subject_type'),
  subject_id: own('subject_id'),
  fields_disclosed: fromLists('fields_disclosed'),
  withheld_json: fromDictionary('withheld_json'),
  // The batch is one stretch of one writer's chain: each record's previous hash is the one before
  // it, the first's the head the batch starts from. Not sent again per record.
  prev_hash: `coalesce(lag(${own('hash')}) OVER (ORDER BY (${own('seq')})::bigint), p.j->>'h')`,
  hash: own('hash'),
  initiator_id: own('initiator_id'),
  initiator_org: own('initiator_org'),
  controller_org: own('controller_org'),
};

/**
 * One statement with one parameter, whatever the batch's size: the records as JSON, which
 * PostgreSQL turns into rows. What records repeat is sent once:
 * - the columns a response's records share (requester, request, time, operation) once per group,
 *   filled in by jsonb_populate_record;
 * - the lists and withheld-field JSON, which a dashboard's 100 records draw from a handful of
 *   combinations, once each in a dictionary (`l` the lists, as PostgreSQL array text; `d` the
 *   texts), each record naming its entry by index. Each list is cast to text[] once, in `lists`,
 *   and joined to the records that name it: cast per record, a dashboard's append cost the backend
 *   8 % more CPU (4.74 against 4.37 ms, `bench -- log-sql` paired with the writer before). The
 *   joins are outer: a record naming no list gets NULL, which the NOT NULL columns refuse, so the
 *   batch fails rather than losing the record;
 * - the previous hash not at all: it is the hash of the record before (`h` for the first).
 * A dashboard's parameter is then about a third of the records written out in full (the hashes
 * are most of what is left), so the gateway serialises and sends, and PostgreSQL parses, less.
 */
// `p` is named once only, so PostgreSQL inlines it and the parameter stays a parameter (`lists`
// reads $1 itself): named twice, it becomes a scanned CTE, and every row would carry the whole
// parameter into the window's sort (a 5,000-record batch then sorted 9.9 GB on disk).
export const INSERT_RECORDS = `WITH p AS (SELECT $1::jsonb AS j),
  lists AS MATERIALIZED (SELECT (x.n - 1)::int AS i, x.t::text[] AS a FROM jsonb_array_elements_text($1::jsonb->'l') WITH ORDINALITY AS x(t, n))
  INSERT INTO disclosure_records (${RECORD_COLUMNS.join(',')})
  SELECT ${RECORD_COLUMNS.map((c) => SELECTED[c]).join(',')}
  FROM p
  CROSS JOIN LATERAL jsonb_array_elements(p.j->'g') AS grp(s)
  CROSS JOIN LATERAL jsonb_populate_record(NULL::disclosure_records, grp.s) AS g
  CROSS JOIN LATERAL jsonb_array_elements(grp.s->'r') AS r(v)
  ${LIST_COLUMNS.map((c) => `LEFT JOIN lists AS ${listJoin(c)} ON ${listJoin(c)}.i = (${own(c)})::int`).join('\n  ')}`;

/** The parameter of INSERT_RECORDS: `{ h, d: [text], l: [list], g: [{ ...shared columns, r: [[own values]] }] }`. */
export function recordsParameter(records: readonly DisclosureRecord[]): string {
  const dictionary = new Dictionary();
  const groups: Record<string, unknown>[] = [];
  let rows: unknown[][] = [];
  let last: DisclosureRecord | undefined;
  for (const record of records) {
    if (last && (record.seq !== last.seq + 1 || record.prevHash !== last.hash || record.writerId !== last.writerId)) {
      // The SQL derives each previous hash from the record before: a batch must be one unbroken stretch.
      throw new Error('disclosure records to insert are not one stretch of one chain');
    }
    if (!last || !sameShared(last, record)) {
      rows = [];
      groups.push({ ...sharedOf(record), r: rows });
    }
    rows.push([
      record.seq,
      dictionary.list(record.lawfulBases),
      dictionary.list(record.agreements),
      dictionary.list(record.ruleIds),
      record.owner,
      record.subjectType,
      record.subjectId,
      dictionary.list(record.fieldsDisclosed),
      dictionary.text(record.withheldJson),
      record.hash,
      record.initiatorId,
      record.initiatorOrg,
      record.controllerOrg,
    ] satisfies unknown[] & { length: 13 });
    last = record;
  }
  return JSON.stringify({ h: records[0]?.prevHash ?? null, d: dictionary.texts, l: dictionary.lists, g: groups });
}

/**
 * Distinct lists (as PostgreSQL array text) and texts, by index in two tables: the statement casts
 * each list to text[] once (`lists`), not once per record. A list is known by identity first
 * (drafts share them), then by content.
 */
class Dictionary {
  readonly lists: string[] = [];
  readonly texts: string[] = [];
  private readonly listByText = new Map<string, number>();
  private readonly textByText = new Map<string, number>();
  private readonly byList = new Map<readonly string[], number>();

  list(values: readonly string[]): number {
    let index = this.byList.get(values);
    if (index === undefined) {
      index = indexIn(this.lists, this.listByText, pgArray(values));
      this.byList.set(values, index);
    }
    return index;
  }

  text(value: string): number {
    return indexIn(this.texts, this.textByText, value);
  }
}

function indexIn(entries: string[], byText: Map<string, number>, value: string): number {
  let index = byText.get(value);
  if (index === undefined) {
    index = entries.push(value) - 1;
    byText.set(value, index);
  }
  return index;
}

function sharedOf(r: DisclosureRecord) {
  return {
    writer_id: r.writerId,
    occurred_at: r.occurredAt,
    request_id: r.requestId,
    operation_name: r.operationName,
    operation_hash: r.operationHash,
    requester_id: r.requesterId,
    requester_org: r.requesterOrg,
    requester_roles: r.requesterRoles,
    purpose: r.purpose,
    case_ref: r.caseRef,
  } satisfies Record<SharedColumn, unknown>;
}

function sameShared(a: DisclosureRecord, b: DisclosureRecord): boolean {
  return (
    a.writerId === b.writerId &&
    a.occurredAt === b.occurredAt &&
    a.requestId === b.requestId &&
    a.operationName === b.operationName &&
    a.operationHash === b.operationHash &&
    a.requesterId === b.requesterId &&
    a.requesterOrg === b.requesterOrg &&
    a.purpose === b.purpose &&
    a.caseRef === b.caseRef &&
    (a.requesterRoles === b.requesterRoles ||
      (a.requesterRoles.length === b.requesterRoles.length && a.requesterRoles.every((role, i) => role === b.requesterRoles[i])))
  );
}
