import { recipientMatches } from '../policy/decide-field';
import { ApprovalStore } from '../workflows/approvals/approval-store';
import type { HubContext } from '../pipeline/hub-context';

/**
 * `myAccess`: the user's approval and, rule by rule, what the agreements in force share with
 * them, for which of their approved purposes, under which bases, until when.
 */
export function myAccess(context: HubContext) {
  const { requester, approval, agreementStates } = context.hubRequest;
  const grants = context.policy.agreements.flatMap((agreement) => {
    if (!approval || !agreementStates.get(agreement.id)?.active) return [];
    return agreement.rules
      .filter((rule) => rule.effect === 'allow' && recipientMatches(rule.recipients, requester))
      .map((rule) => ({
        agreement: `${agreement.id}@${agreement.version}`,
        rule: rule.id,
        description: rule.description,
        fields: rule.fields,
        purposes: (rule.purposes ?? agreement.purposes).filter((p) => approval.purposes.includes(p)),
        lawfulBases: rule.lawfulBases ?? [],
        conditions: rule.when ?? [],
        until: [approval.expiresOn, agreement.reviewBy].sort()[0]!,
      }))
      .filter((grant) => grant.purposes.length > 0);
  });
  return {
    userId: requester.userId,
    org: requester.org,
    roles: requester.roles,
    approved: approval !== null,
    approvedBy: approval?.approvedBy ?? null,
    approvedOn: approval?.approvedOn ?? null,
    approvalExpiresOn: approval?.expiresOn ?? null,
    approvedPurposes: approval?.purposes ?? [],
    grants,
    // Provenance: who approved, changed or revoked this user, when, for what.
    approvalHistory: async () => (await new ApprovalStore(context.store.dataSource).get(requester.issuer, requester.userId))?.history ?? [],
  };
}
