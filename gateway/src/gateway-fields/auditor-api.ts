import { ORGANISATIONS, assertSubjectId } from '@hub/shared';
import { GraphQLError } from 'graphql';
import { coordinatesOverlap } from '../agreements/field-coordinates';
import { findAnomalies } from '../audit/anomalies';
import { findDisclosures, recipientsOf, type DisclosureFilter } from '../audit/auditor-queries';
import { verifyDisclosureLog } from '../audit/verify-log';
import type { DisclosureRecord } from '../audit/disclosure-record';
import type { HubContext } from '../hub-executor';

/**
 * Who may read the log (ISA 13.1, rule 11): the joint audit panel's auditors see every record; a
 * partner's data protection officer sees the records about its own data. Both only for the
 * purpose AUDIT, within their approval. Neither ever sees a disclosed value: the log holds none.
 */
function auditScope(context: HubContext): { owner?: string } {
  const { requester, approval, purpose } = context.hubRequest;
  if (!context.audit) throw new GraphQLError('this gateway keeps no disclosure log', { extensions: { code: 'AUDIT_UNAVAILABLE' } });
  if (purpose !== 'AUDIT' || !approval?.purposes.includes('AUDIT')) {
    throw forbidden('the disclosure log is read for the purpose AUDIT, by users approved for it');
  }
  if (requester.roles.includes('AUDITOR')) return {};
  if (requester.roles.includes('DATA_PROTECTION_OFFICER')) {
    const partner = ORGANISATIONS.find((o) => o.id === requester.org)?.partner;
    if (partner) return { owner: partner };
  }
  throw forbidden('only auditors and data protection officers read the disclosure log');
}

export async function disclosures(args: { filter?: DisclosureFilter | null; first?: number | null; after?: string | null }, context: HubContext) {
  const scope = auditScope(context);
  const first = Math.min(Math.max(args.first ?? 50, 1), 500);
  const filter = { ...args.filter, ...(scope.owner ? { owner: scope.owner } : {}) };
  let page;
  try {
    page = await findDisclosures(context.audit!.pool, filter, first, args.after ?? null);
  } catch (error) {
    if (error instanceof Error && error.message === 'invalid cursor') throw new GraphQLError('invalid cursor', { extensions: { code: 'BAD_USER_INPUT' } });
    throw error;
  }
  return {
    edges: page.records.map((record) => ({ cursor: page.endCursor, node: recordInfo(record) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}

export async function recipients(args: { subjectId: string; field: string; since?: string | null }, context: HubContext) {
  const scope = auditScope(context);
  // A DPO may ask only about fields of its own organisation's data.
  if (scope.owner && !fieldBelongsTo(args.field, scope.owner, context)) throw forbidden(`${args.field} is not ${scope.owner} data`);
  return recipientsOf(context.audit!.pool, assertSubjectId(args.subjectId), args.field, args.since ?? null);
}

export async function anomalies(context: HubContext) {
  const scope = auditScope(context);
  return findAnomalies(context.audit!.pool, new Date(), scope);
}

/** Verifying the whole log is the joint audit panel's job: a DPO's scope is only part of it. */
export async function verify(args: { from?: string | null; to?: string | null }, context: HubContext) {
  const scope = auditScope(context);
  if (scope.owner) throw forbidden('verifying the whole log is for the joint audit panel');
  // A checkpoint first, so that everything logged up to now is covered by a signature.
  await context.audit!.checkpoint();
  const report = await verifyDisclosureLog(context.audit!.pool, { publicKey: context.audit!.publicKey, from: dateArg(args.from), to: dateArg(args.to) });
  const problem = report.firstProblem;
  return {
    ...report,
    firstProblem: problem ? `${problem.kind} at writer ${problem.writerId}, seq ${problem.seq}: ${problem.detail}` : null,
  };
}

function fieldBelongsTo(field: string, owner: string, context: HubContext): boolean {
  return context.policy.agreements.some((a) => a.rules.some((r) => r.owner === owner && r.fields.some((f) => coordinatesOverlap(f, field))));
}

function recordInfo(record: DisclosureRecord) {
  return {
    ...record,
    id: `${record.writerId}:${record.seq}`,
    rules: record.ruleIds,
    fieldsWithheld: JSON.parse(record.withheldJson) as { field: string; rule: string; reason: string }[],
  };
}

function dateArg(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`"${value.slice(0, 40)}" is not an ISO date-time`, { extensions: { code: 'BAD_USER_INPUT' } });
  return date;
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
