import { assertSubjectId, AuditUnavailableError, BadUserInputError, ForbiddenError, ORGANISATIONS, requestLogger } from '@hub/shared';
import { type GraphQLError } from 'graphql';
import { coordinatesOverlap } from '../agreements/field-coordinates';
import { isIsoDateOrInstant } from '../agreements/iso-date';
import { findAnomalies } from '../audit/anomalies';
import { encodeCursor, findDisclosures, recipientsOf, type DisclosureFilter } from '../audit/auditor-queries';
import { findLogReads, recordLogRead } from '../audit/log-reads';
import { subjectAccessEntries } from '../audit/subject-access';
import { verifyDisclosureLog } from '../audit/verify-log';
import type { DisclosureRecord } from '../audit/disclosure-record';
import type { HubContext } from '../pipeline/hub-context';
import { isRecordDependentRefusal, type WithheldLine } from './refusal-reasons';

/**
 * Who may read the log (ISA 13.1, rule 11): the joint audit panel's auditors see every record; a
 * data protection officer sees the records about its own organisation's data: those whose data
 * controller is their organisation (not their partner: the ngo partner holds several charities'
 * data, each its own controller), never one without a controller. Both only for the purpose
 * AUDIT, within their approval. Neither ever sees a disclosed value: the log holds none.
 */
interface AuditScope {
  /** A DPO's organisation; absent for the audit panel. */
  controllerOrg?: string;
  /** The partner holding that organisation's data (a DPO may ask about that partner's fields only). */
  partner?: string;
}

function auditScope(context: HubContext): AuditScope {
  const { requester, approval, purpose } = context.hubRequest;
  if (!context.audit) throw new AuditUnavailableError('this gateway keeps no disclosure log');
  if (purpose !== 'AUDIT' || !approval?.purposes.includes('AUDIT')) {
    throw forbidden('the disclosure log is read for the purpose AUDIT, by users approved for it');
  }
  if (requester.roles.includes('AUDITOR')) return {};
  if (requester.roles.includes('DATA_PROTECTION_OFFICER')) {
    const partner = ORGANISATIONS.find((o) => o.id === requester.org)?.partner;
    if (partner) return { controllerOrg: requester.org, partner };
  }
  throw forbidden('only auditors and data protection officers read the disclosure log');
}

export async function disclosures(
  args: { filter?: DisclosureFilter | null; first?: number | null; after?: string | null },
  context: HubContext,
) {
  const scope = auditScope(context);
  assertPeriod({ from: args.filter?.from, to: args.filter?.to });
  const first = Math.min(Math.max(args.first ?? 50, 1), 500);
  const filter = { ...args.filter, ...(scope.controllerOrg ? { controllerOrg: scope.controllerOrg } : {}) };
  let page;
  try {
    page = await findDisclosures(context.audit!.pool, filter, first, args.after ?? null);
  } catch (error) {
    if (error instanceof Error && error.message === 'invalid cursor') throw new BadUserInputError('invalid cursor');
    throw error;
  }
  await noteRead(
    context,
    'disclosures',
    { filter, first, after: args.after ?? null },
    page.records.length,
    page.records.map((r) => r.subjectId),
  );
  return {
    edges: page.records.map((record) => ({ cursor: encodeCursor(record), node: recordInfo(record, scope, context) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}

export async function recipients(args: { subjectId: string; field: string; since?: string | null }, context: HubContext) {
  const scope = auditScope(context);
  // A DPO may ask only about fields of its partner's data, and hears only of its own organisation's records of them.
  if (scope.partner && !fieldBelongsTo(args.field, scope.partner, context)) throw forbidden(`${args.field} is not ${scope.partner} data`);
  assertPeriod({ since: args.since });
  const found = await recipientsOf(context.audit!.pool, assertSubjectId(args.subjectId), args.field, args.since ?? null, scope);
  const scoped = scope.controllerOrg ? { ...args, controllerOrg: scope.controllerOrg } : args;
  await noteRead(context, 'recipientsOf', scoped, found.length, [args.subjectId]);
  return found;
}

export async function anomalies(context: HubContext) {
  const scope = auditScope(context);
  const found = await findAnomalies(context.audit!.pool, new Date(), scope);
  await noteRead(context, 'disclosureAnomalies', scope.controllerOrg ? { controllerOrg: scope.controllerOrg } : {}, found.length, []);
  return found;
}

/** Who read the log, about whom, for what: the joint audit panel's oversight of the readers, DPOs included. */
export async function logReads(args: { subjectId?: string | null; first?: number | null }, context: HubContext) {
  const scope = auditScope(context);
  if (scope.controllerOrg) throw forbidden('the reads of the log are for the joint audit panel');
  const first = Math.min(Math.max(args.first ?? 50, 1), 500);
  const reads = await findLogReads(context.audit!.pool, { subjectId: args.subjectId ? assertSubjectId(args.subjectId) : null, first });
  await noteRead(context, 'logReads', { ...args, first }, reads.length, args.subjectId ? [args.subjectId] : []);
  return reads.map((read) => ({ ...read, arguments: JSON.stringify(read.arguments) }));
}

/**
 * Records this read of the log before the answer goes (log_reads): reading the records about a
 * subject shows that the subject is of interest. If it cannot be recorded, nothing is sent.
 */
async function noteRead(
  context: HubContext,
  query: string,
  args: object,
  recordsReturned: number,
  subjectIds: (string | null)[],
): Promise<void> {
  const { requester, requestId } = context.hubRequest;
  try {
    await recordLogRead(context.audit!.pool, {
      requestId,
      readerId: requester.userId,
      readerOrg: requester.org,
      readerRoles: requester.roles,
      query,
      arguments: args as Record<string, unknown>,
      recordsReturned,
      subjectIds: subjectIds.filter((id): id is string => id !== null),
    });
  } catch (error) {
    requestLogger('audit').error({ err: error }, 'a read of the log could not be recorded');
    throw new AuditUnavailableError(
      'This read of the disclosure log could not be recorded, so its answer was not sent. Try again shortly.',
    );
  }
}

/** A subject access request (ISA 12): the joint audit panel compiles it; reading it is recorded like any read. */
export async function subjectAccess(args: { subjectId: string }, context: HubContext) {
  const scope = auditScope(context);
  if (scope.controllerOrg) throw forbidden('a subject access answer across partners is compiled by the joint audit panel');
  const subjectId = assertSubjectId(args.subjectId);
  const entries = await subjectAccessEntries(context.audit!.pool, subjectId);
  await noteRead(context, 'subjectAccessExport', { subjectId }, entries.length, [subjectId]);
  return entries;
}

/** Verifying the whole log is the joint audit panel's job: a DPO's scope is only part of it. */
export async function verify(args: { from?: string | null; to?: string | null }, context: HubContext) {
  const scope = auditScope(context);
  if (scope.controllerOrg) throw forbidden('verifying the whole log is for the joint audit panel');
  // A checkpoint first, so that everything logged up to now is covered by a signature.
  await context.audit!.checkpoint();
  const report = await verifyDisclosureLog(context.audit!.pool, {
    publicKey: context.audit!.publicKey,
    from: dateArg('from', args.from),
    to: dateArg('to', args.to),
  });
  const problem = report.firstProblem;
  await noteRead(context, 'verifyDisclosureLog', args, report.records, []);
  return {
    ...report,
    firstProblem: problem ? `${problem.kind} at writer ${problem.writerId}, seq ${problem.seq}: ${problem.detail}` : null,
  };
}

function fieldBelongsTo(field: string, owner: string, context: HubContext): boolean {
  return context.policy.agreements.some((a) =>
    a.rules.some((r) => r.owner === owner && r.fields.some((f) => coordinatesOverlap(f, field))),
  );
}

function recordInfo(record: DisclosureRecord, scope: AuditScope, context: HubContext) {
  const recordRules = rulesWithRecordConditions(context);
  return {
    ...record,
    id: `${record.writerId}:${record.seq}`,
    rules: record.ruleIds,
    fieldsWithheld: (JSON.parse(record.withheldJson) as WithheldLine[]).map((line) => {
      const { requestOnly: _marker, ...w } = line;
      const signposted = w.signposted === true;
      // A refused referral's reason decided on records is masked for every reader: it describes
      // other organisations' records (refusal-reasons.ts). A request-only reason stays readable.
      if (isRecordDependentRefusal(record, line))
        return { field: w.field, rule: RECORD_CONDITION, reason: REFUSAL_CONDITION_REASON, signposted };
      // Which record rule withheld a value says what the record holds (R8: a safe house; R7: support
      // outside consent). The owner's own DPO may read that of its data; the joint audit panel
      // sees that a condition of the record withheld it, not which (rule 11: no personal data).
      // A signposted withholding was told to the requester: it is a disclosure, audited as one.
      if (!scope.controllerOrg && !signposted && recordRules.has(w.rule))
        return { field: w.field, rule: RECORD_CONDITION, reason: RECORD_CONDITION_REASON, signposted };
      return { ...w, signposted };
    }),
  };
}

const RECORD_CONDITION = 'record-condition';
const RECORD_CONDITION_REASON =
  "withheld on a condition of the record; which rule is a fact about the record, shown to the owner's data protection officer";

const REFUSAL_CONDITION_REASON =
  'referral refused on a condition of the records; which, and whose, is a fact about them: the log and its offline export keep it';

/** Worked out once per loaded policy, not per record of every page an auditor reads. */
const recordConditionRules = new WeakMap<HubContext['policy'], Set<string>>();

function rulesWithRecordConditions(context: HubContext): Set<string> {
  let rules = recordConditionRules.get(context.policy);
  if (!rules) {
    rules = new Set(context.policy.agreements.flatMap((a) => a.rules.filter((r) => (r.when?.length ?? 0) > 0).map((r) => r.id)));
    recordConditionRules.set(context.policy, rules);
  }
  return rules;
}

function dateArg(name: string, value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  // The same format as the other periods: JavaScript would take years PostgreSQL cannot store.
  assertPeriod({ [name]: value });
  return new Date(value);
}

function forbidden(message: string): GraphQLError {
  return new ForbiddenError(message);
}

/** A period's ends are ISO dates or moments with an offset; anything else is the caller's mistake, said so. */
function assertPeriod(ends: Record<string, string | null | undefined>): void {
  for (const [name, value] of Object.entries(ends)) {
    if (value != null && !isIsoDateOrInstant(value))
      throw new BadUserInputError(`${name} is an ISO date or a moment with its offset, e.g. 2026-11-01 or 2026-11-01T09:30:00Z`);
  }
}
