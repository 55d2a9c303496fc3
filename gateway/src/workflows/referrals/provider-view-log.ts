import { createHash } from 'node:crypto';
import { AuditUnavailableError, requestLogger, soleControllerOf } from '@hub/shared';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { DraftDisclosure } from '../../audit/disclosure-record';
import type { HubContext } from '../../pipeline/hub-context';
import { REFERRAL_FIELD_NAMES } from './referral-fields';
import type { StoredReferral } from './referral-store';

/**
 * A provider's view of a referral (its inbox, the answer to its decision) carries the values the
 * referrer shared: personal data, disclosed again to whoever reads it. So it is logged like any
 * disclosure (docs/disclosure-log.md), before the answer leaves, and if the log cannot take it the
 * answer does not leave (AUDIT_UNAVAILABLE).
 */
export async function recordProviderViews(
  context: HubContext,
  info: GraphQLResolveInfo,
  referrals: readonly StoredReferral[],
): Promise<void> {
  if (
    !selects(
      info.fieldNodes.map((f) => f.selectionSet),
      info,
      'sharedValues',
    )
  )
    return;
  const drafts = referrals.flatMap((referral) => viewDrafts(context, referral));
  if (drafts.length === 0) return;
  if (!context.audit) throw new AuditUnavailableError('this gateway keeps no disclosure log, so referrals are not shown to providers');
  try {
    await context.audit.log.append(drafts);
  } catch (error) {
    requestLogger('gateway').error({ err: error }, 'disclosure log unavailable; referral values not shown');
    throw new AuditUnavailableError(
      'The disclosure log cannot record this read of referrals, so their details are not shown. Try again shortly.',
    );
  }
}

/** One record per (referral, owner): the reader as the requester, the referral as the rule that let them see it. */
function viewDrafts(context: HubContext, referral: StoredReferral): DraftDisclosure[] {
  if (!referral.sharedValues) return [];
  const { hubRequest } = context;
  const byOwner = new Map<string, Set<string>>();
  for (const [name, value] of Object.entries(referral.sharedValues)) {
    if (value === null || value === undefined) continue;
    const coordinate = REFERRAL_FIELD_NAMES[name] ?? name;
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const owner = context.ownership.ownerOf(typeName, fieldName) ?? referral.operator;
    byOwner.set(owner, (byOwner.get(owner) ?? new Set()).add(coordinate));
  }
  const operationHash = createHash('sha256').update(context.operation.source).digest('hex');
  return [...byOwner].map(([owner, fields]) => ({
    occurredAt: new Date().toISOString(),
    requestId: hubRequest.requestId,
    operationName: context.operation.name,
    operationHash,
    requesterId: hubRequest.requester.userId,
    requesterOrg: hubRequest.requester.org,
    requesterRoles: [...hubRequest.requester.roles],
    purpose: hubRequest.purpose,
    lawfulBases: [],
    caseRef: hubRequest.caseRef,
    agreements: [],
    ruleIds: [referral.id],
    owner,
    subjectType: 'Person',
    subjectId: referral.subjectId,
    fieldsDisclosed: [...fields].sort(),
    withheldJson: '[]',
    // The reader asked for it themselves: no initiator (the referral, in the rules, ties it to the referrer).
    initiatorId: null,
    initiatorOrg: null,
    // The stored values name no episode's provider: null for the ngo's fields (the audit panel's
    // alone), the partner's one organisation otherwise.
    controllerOrg: soleControllerOf(owner),
  }));
}

/** Whether the operation asks for `name` anywhere below these selections, through fragments too (over-asking logs, never under). */
function selects(
  sets: readonly (SelectionSetNode | undefined)[],
  info: GraphQLResolveInfo,
  name: string,
  seen = new Set<string>(),
): boolean {
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name || selects([selection.selectionSet], info, name, seen)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selects([selection.selectionSet], info, name, seen)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (selects([info.fragments[selection.name.value]?.selectionSet], info, name, seen)) return true;
      }
    }
  }
  return false;
}
