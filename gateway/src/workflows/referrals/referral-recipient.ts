import { ForbiddenError, HubError, organisation, SubgraphUnavailableError, type DirectoryEntry } from '@hub/shared';
import { GraphQLError } from 'graphql';
import type { Initiator } from '../../audit/drafts';
import type { HubContext } from '../../pipeline/hub-context';
import type { Withheld } from '../../policy/field-decision';
import type { HubRequest } from '../../policy/hub-request';
import type { PlanNode } from '../../policy/plan-operation';
import { referralQuery, valueOf, type SharedField } from './referral-fields';
import { RecordRefusal } from './referral-refusal';

/** The purpose a referral's disclosure is made for: W5 allows the referrer no other, so the log's purpose is theirs. */
export const REFERRAL_PURPOSE = 'SAFEGUARDING_REFERRAL';
/** The issuer under which the log names a referral's recipient: the provider organisation, for that referral. */
const REFERRAL_ISSUER = 'partner-hub-referral';

export interface ProviderRead {
  values: Record<string, unknown>;
  /** Records the disclosure: the referral as the recipient's user, the referrer as its initiator. */
  record(referralId: string, referrer: Initiator): Promise<void>;
}

/**
 * Decides and reads the shared fields as the provider organisation would receive them, with the
 * engine that decides every query (phase 1 before any partner is asked, record conditions such as
 * the survivor's consent on the records), recording nothing yet. Any field withheld refuses the
 * whole referral: a referral never goes with less than the referrer chose, silently.
 *
 * Two kinds of refusal, kept apart on purpose (docs/policy.md §8): one decided before execution
 * depends only on the request (the provider, the field, the purpose) and says its rule; one that
 * depends on the records (withheld on a record, nothing held) is a RecordRefusal, which the caller
 * answers with the one uniform refusal.
 */
export async function readForProvider(
  entry: DirectoryEntry,
  subjectId: string,
  fields: readonly SharedField[],
  caseRef: string,
  context: HubContext,
): Promise<ProviderRead> {
  const recipient = providerRequest(entry, caseRef, context);
  const read = await context.readAsRecipient(referralQuery(fields), { id: subjectId }, recipient);
  if (read.refused) throw asError(read.refused.errors?.[0]);
  // planForProvider decided this before any record was read; checked again on the plan executed (fail closed).
  const planned = firstWithheld(read.plan.nodes);
  if (planned) throw plannedRefusal(planned.coordinate, planned.withheld, entry);

  const onRecords = new Map<string, Withheld>();
  for (const error of read.shaped.result.errors ?? []) {
    const code = error.extensions?.code;
    if (code === 'FORBIDDEN' && typeof error.extensions.rule === 'string')
      onRecords.set(String(error.path?.join('.') ?? 'a field'), error.extensions as unknown as Withheld);
    else throw asError(error);
  }
  for (const disclosure of read.shaped.disclosures) for (const [coordinate, w] of disclosure.withheld) onRecords.set(coordinate, w);
  const first = onRecords.values().next().value as Withheld | undefined;
  if (first) throw new RecordRefusal({ rule: first.rule, agreement: first.agreement, reason: first.reason, withheld: onRecords });
  if (!read.shaped.disclosures.some((d) => d.fields.size > 0))
    throw new RecordRefusal({
      rule: 'referral-nothing-held',
      agreement: null,
      reason: `the partners hold none of ${fields.map((f) => f.name).join(', ')} for ${subjectId}`,
    });

  const person = (read.shaped.result.data?.person ?? null) as Record<string, unknown> | null;
  const values = Object.fromEntries(fields.map((f) => [f.name, valueOf(person, f)]));
  return { values, record: (referralId, referrer) => read.record({ requesterId: referralId, initiator: referrer }) };
}

/**
 * Phase 1 of the provider's read, alone: whether a rule can give the provider every chosen field
 * at all. It depends on the request only (provider, fields, purpose), so it is decided before
 * anything that depends on records, and its refusal names its rule (docs/policy.md §8).
 */
export async function planForProvider(
  entry: DirectoryEntry,
  subjectId: string,
  fields: readonly SharedField[],
  caseRef: string,
  context: HubContext,
): Promise<void> {
  const plan = await context.planAsRecipient(referralQuery(fields), { id: subjectId }, providerRequest(entry, caseRef, context));
  const planned = firstWithheld(plan.nodes);
  if (planned) throw plannedRefusal(planned.coordinate, planned.withheld, entry);
}

/** The provider organisation as the recipient (one user per provider, so its plans are cached). */
function providerRequest(entry: DirectoryEntry, caseRef: string, context: HubContext): HubRequest {
  const provider = organisation(entry.providerOrg)!;
  return {
    requestId: context.hubRequest.requestId,
    // The log names the referral it receives as the user (`record` below).
    requester: {
      issuer: REFERRAL_ISSUER,
      userId: `${provider.id}/referrals`,
      org: provider.id,
      partner: provider.partner,
      roles: ['CASEWORKER'],
    },
    // The disclosure is made on the referrer's approval, for the referral's purpose.
    approval: { ...context.hubRequest.approval!, purposes: [REFERRAL_PURPOSE] },
    purpose: REFERRAL_PURPOSE,
    lawfulBasis: null,
    caseRef,
    agreementStates: context.hubRequest.agreementStates,
  };
}

function firstWithheld(nodes: PlanNode[]): { coordinate: string; withheld: Withheld } | undefined {
  for (const node of nodes) {
    if (node.hidden) continue;
    if (node.withheld) return { coordinate: node.coordinate, withheld: node.withheld };
    const below = firstWithheld(node.children);
    if (below) return below;
  }
  return undefined;
}

/** Decided before any record was read: the same for every subject, so it may name its rule. */
function plannedRefusal(coordinate: string, withheld: Withheld, entry: DirectoryEntry): ForbiddenError {
  return new ForbiddenError(
    `${entry.providerOrg} may not receive ${coordinate} on a referral (${withheld.rule}): ${withheld.reason}. Nothing was shared and no place is held.`,
    { rule: withheld.rule, agreement: withheld.agreement, field: coordinate },
  );
}

/** A read's error as the hub's own (a partner down keeps its name); anything else masked. */
export function asError(error: GraphQLError | undefined): Error {
  if (error instanceof HubError) return error;
  const code = error?.extensions?.code;
  if (code === 'SUBGRAPH_UNAVAILABLE')
    return new SubgraphUnavailableError(
      String(error?.extensions?.subgraph ?? 'a partner'),
      (error?.extensions?.reason as 'down') ?? 'down',
    );
  if (typeof code === 'string' && error) return error;
  return new GraphQLError('the referral could not be read from the partners', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
