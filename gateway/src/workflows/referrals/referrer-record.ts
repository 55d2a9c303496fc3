import { ForbiddenError } from '@hub/shared';
import type { HubContext } from '../../pipeline/hub-context';
import type { HubRequest } from '../../policy/hub-request';
import type { PlanNode } from '../../policy/plan-operation';
import { asError, REFERRAL_PURPOSE } from './referral-recipient';
import { RecordRefusal } from './referral-refusal';
import { OWN_RECORD, type OwnRecordPerson } from '../own-record';

/**
 * A referrer refers only people their own organisation works with (docs/policy.md §8): otherwise
 * any approved user could refer anyone, and a referral made would tell them that records exist
 * and whose consent names the provider. "Works with" is a record of the subject held by the
 * referrer's organisation itself: for a charity, a support episode it provides; for the police,
 * the council or the NHS, a record in their partner's data. It is decided as the referrer, by the
 * same plan and federated read as any of their queries (no back door into a partner's data), for
 * the referral's purpose and case reference; nothing is disclosed, since the referrer learns only
 * what their own organisation holds. What counts as holding a record: own-record.ts.
 */
function ownRecordOf(context: HubContext) {
  const partner = context.hubRequest.requester.partner;
  const own = partner ? OWN_RECORD[partner] : undefined;
  // No partner (e.g. the audit panel): W5 lets no such user refer, and no record could say they work with anyone.
  if (!own) throw new ForbiddenError('only a partner organisation that works with the person refers them to a service');
  return own;
}

const query = (selection: string) => `query ReferrerRecord($id: ID!) { person(id: $id) { id ${selection} } }`;

function asReferrer(context: HubContext, caseRef: string): HubRequest {
  return { ...context.hubRequest, purpose: REFERRAL_PURPOSE, caseRef };
}

/**
 * Phase 1 of the referrer's read, alone: whether their role may see their organisation's records
 * of a person at all. The same for every subject, so it is decided before anything that depends on
 * records and its refusal names its rule.
 */
export async function planReferrerRecord(subjectId: string, caseRef: string, context: HubContext): Promise<void> {
  const own = ownRecordOf(context);
  const plan = await context.planAsRecipient(query(own.selection), { id: subjectId }, asReferrer(context, caseRef));
  const node = find(plan.nodes, own.field);
  if (!node || node.withheld)
    throw new ForbiddenError(
      `you may refer only people your organisation works with, and your role does not see ${context.principal.org}'s records of a person ` +
        `(${node?.withheld?.rule ?? 'no-matching-rule'}), so the hub cannot check that it does. Nothing was shared and no place is held.`,
      { rule: node?.withheld?.rule ?? 'no-matching-rule', agreement: node?.withheld?.agreement ?? null, field: own.field },
    );
}

/** Reads, as the referrer, whether their organisation holds a record of the subject; a RecordRefusal if not. */
export async function requireReferrerRecord(subjectId: string, caseRef: string, context: HubContext): Promise<void> {
  const own = ownRecordOf(context);
  const read = await context.readAsRecipient(query(own.selection), { id: subjectId }, asReferrer(context, caseRef));
  if (read.refused) throw asError(read.refused.errors?.[0]);
  // A withholding on a record (FORBIDDEN naming its rule) is not a record held; anything else (a partner down) is not a refusal.
  for (const error of read.shaped.result.errors ?? [])
    if (!(error.extensions?.code === 'FORBIDDEN' && typeof error.extensions.rule === 'string')) throw asError(error);
  const person = (read.shaped.result.data?.person ?? null) as OwnRecordPerson | null;
  if (!person || !own.holds(person, context.principal.org))
    throw new RecordRefusal({
      rule: 'referral-referrer-holds-no-record',
      agreement: null,
      reason: `${context.principal.org} holds no record of ${subjectId} (${own.field}): a referrer refers only people their organisation works with`,
    });
}

function find(nodes: readonly PlanNode[], coordinate: string): PlanNode | undefined {
  for (const node of nodes) {
    if (node.coordinate === coordinate) return node;
    const below = find(node.children, coordinate);
    if (below) return below;
  }
  return undefined;
}
