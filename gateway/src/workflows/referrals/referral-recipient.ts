import { ForbiddenError, HubError, organisation, ROLES, SubgraphUnavailableError, type DirectoryEntry, type Role } from '@hub/shared';
import { GraphQLError } from 'graphql';
import type { Initiator } from '../../audit/drafts';
import type { HubContext } from '../../pipeline/hub-context';
import type { Withheld } from '../../policy/field-decision';
import type { HubRequest } from '../../policy/hub-request';
import { mayCall } from '../../policy/decide-operation';
import type { PlanNode } from '../../policy/plan-operation';
import { referralQuery, valueOf, type SharedField } from './referral-fields';
import { RecordRefusal } from './referral-refusal';
import { REFERRAL_ROLE } from './referral-role';

/** The purpose a referral's disclosure is made for: W5 allows the referrer no other, so the log's purpose is theirs. */
export const REFERRAL_PURPOSE = 'SAFEGUARDING_REFERRAL';
/** The issuer under which the log names a referral's recipient: the provider organisation, for that referral. */
const REFERRAL_ISSUER = 'partner-hub-referral';

export interface ProviderRead {
  values: Record<string, unknown>;
  /** The provider's roles every value was decided for: its staff see them only under one of these. */
  forRoles: Role[];
  /** Records the disclosure: the referral as the recipient's user, the referrer as its initiator. */
  record(referralId: string, referrer: Initiator): Promise<void>;
}

/**
 * Decides and reads the shared fields as the provider organisation would receive them, with the
 * engine that decides every query (phase 1 before any partner is asked, record conditions such as
 * the survivor's consent on the records), recording nothing yet. Any field withheld refuses the
 * whole referral: a referral never goes with less than the referrer chose, silently.
 *
 * The referral is decided for REFERRAL_ROLE. Its values then reach only those of the provider's
 * staff whose own role is given every one of them too: `also` are the other roles that may answer
 * the provider's referrals (W6) and passed phase 1 (planForProvider); each is read for, and a role
 * for which any value is withheld is left out of `forRoles` without refusing anything (the
 * referrer is not told which roles read it). Shown to whoever answered, a council safeguarding lead
 * read through a referral to the council's own service the NRM status that rule 7 gives case
 * workers only.
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
  also: readonly Role[],
  context: HubContext,
): Promise<ProviderRead> {
  const decided = await readForRole(entry, subjectId, fields, caseRef, REFERRAL_ROLE, context);
  const given: { role: Role; read: RoleRead }[] = [{ role: REFERRAL_ROLE, read: decided }];
  // Every other role is read for whatever the first found (the same partner calls for every attempt).
  for (const role of also) {
    try {
      given.push({ role, read: await readForRole(entry, subjectId, fields, caseRef, role, context) });
    } catch (error) {
      if (!(error instanceof RecordRefusal) && !(error instanceof ForbiddenError)) throw error;
    }
  }
  return {
    values: decided.values,
    forRoles: given.map((g) => g.role),
    // One record set per role, from that role's own read: the rules and lawful bases that gave it the
    // values (a lead's are its own, e.g. R2 under the Crime and Disorder Act, not the case workers' consent).
    record: async (referralId, referrer) => {
      for (const { read } of given) await read.record({ requesterId: referralId, initiator: referrer });
    },
  };
}

interface RoleRead {
  values: Record<string, unknown>;
  record: (as: { requesterId: string; initiator: Initiator }) => Promise<void>;
}

/** The provider's read for one of its roles: every value given, or a refusal. */
async function readForRole(
  entry: DirectoryEntry,
  subjectId: string,
  fields: readonly SharedField[],
  caseRef: string,
  role: Role,
  context: HubContext,
): Promise<RoleRead> {
  const recipient = providerRequest(entry, caseRef, context, role);
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
  return { values, record: (as) => read.record(as) };
}

/**
 * Phase 1 of the provider's read, alone: whether a rule can give REFERRAL_ROLE every chosen field
 * at all. It depends on the request only (provider, fields, purpose), so it is decided before
 * anything that depends on records, and its refusal names its rule (docs/policy.md §8). It
 * returns the other roles that may answer the provider's referrals (W6) and whose own rules could
 * give them every field too: readForProvider reads for them, to widen who may see the values.
 */
export async function planForProvider(
  entry: DirectoryEntry,
  subjectId: string,
  fields: readonly SharedField[],
  caseRef: string,
  context: HubContext,
): Promise<Role[]> {
  const plan = await context.planAsRecipient(
    referralQuery(fields),
    { id: subjectId },
    providerRequest(entry, caseRef, context, REFERRAL_ROLE),
  );
  const planned = firstWithheld(plan.nodes);
  if (planned) throw plannedRefusal(planned.coordinate, planned.withheld, entry);
  const also: Role[] = [];
  for (const role of readerRoles(entry, caseRef, context)) {
    if (role === REFERRAL_ROLE) continue;
    const theirs = await context.planAsRecipient(referralQuery(fields), { id: subjectId }, providerRequest(entry, caseRef, context, role));
    if (!firstWithheld(theirs.nodes)) also.push(role);
  }
  return also;
}

/** The roles whose holders at the provider may answer its referrals and so read what they share (W6, `Mutation.decideReferral`). */
function readerRoles(entry: DirectoryEntry, caseRef: string, context: HubContext): Role[] {
  const rules = context.policy.operationRulesAt.get('Mutation.decideReferral') ?? [];
  return ROLES.filter((role) => mayCall(rules, providerRequest(entry, caseRef, context, role)));
}

/** The provider organisation's staff in one role as the recipient (one user per provider and role, so its plans are cached). */
function providerRequest(entry: DirectoryEntry, caseRef: string, context: HubContext, role: Role): HubRequest {
  const provider = organisation(entry.providerOrg)!;
  return {
    requestId: context.hubRequest.requestId,
    // The log names the referral it receives as the user (`record` below).
    requester: {
      issuer: REFERRAL_ISSUER,
      userId: `${provider.id}/referrals`,
      org: provider.id,
      partner: provider.partner,
      roles: [role],
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
