import { RECORD_COLUMNS, type DisclosureRecord } from './disclosure-record';

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

/** Every other column, sent per record. */
type OwnColumn = Exclude<(typeof RECORD_COLUMNS)[number], SharedColumn>;

/**
 * One statement with one parameter, whatever the batch's size: the records as JSON, which
 * PostgreSQL turns into rows (text[] from JSON arrays, timestamptz from the ISO text). The
 * records are grouped by the columns they share — a dashboard response's 100 records have one
 * requester, request, time and operation — and each group's shared columns are the base record
 * json_populate_recordset fills the group's own columns into, so they are serialised, sent and
 * parsed once per group instead of once per record. (A multi-row VALUES list cost pg a
 * prepared value per column per record and a new statement text per batch size.)
 */
export const INSERT_RECORDS = `INSERT INTO disclosure_records (${RECORD_COLUMNS.join(',')})
  SELECT ${RECORD_COLUMNS.map((c) => `r.${c}`).join(',')}
  FROM json_array_elements($1::json) AS g(shared),
  LATERAL json_populate_recordset(json_populate_record(NULL::disclosure_records, g.shared), g.shared->'records') AS r`;

/** The parameter of INSERT_RECORDS: `[{ ...shared columns, records: [{ ...own columns }] }]`. */
export function recordsParameter(records: readonly DisclosureRecord[]): string {
  const groups: ReturnType<typeof sharedOf>[] = [];
  let group: ReturnType<typeof sharedOf> | undefined;
  let last: DisclosureRecord | undefined;
  for (const record of records) {
    if (!group || !last || !sameShared(last, record)) {
      group = sharedOf(record);
      groups.push(group);
    }
    group.records.push(ownOf(record));
    last = record;
  }
  return JSON.stringify(groups);
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
    records: [] as ReturnType<typeof ownOf>[],
  } satisfies Record<SharedColumn | 'records', unknown>;
}

/** Every column not in SHARED: a record always sends all of them, so none falls back to the group's (null) value. */
function ownOf(r: DisclosureRecord) {
  return {
    seq: r.seq,
    lawful_bases: r.lawfulBases,
    agreements: r.agreements,
    rule_ids: r.ruleIds,
    owner: r.owner,
    subject_type: r.subjectType,
    subject_id: r.subjectId,
    fields_disclosed: r.fieldsDisclosed,
    withheld_json: r.withheldJson,
    prev_hash: r.prevHash,
    hash: r.hash,
    initiator_id: r.initiatorId,
    initiator_org: r.initiatorOrg,
    controller_org: r.controllerOrg,
  } satisfies Record<OwnColumn, unknown>;
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
