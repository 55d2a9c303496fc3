import type { CompiledOperationRule } from './compiled-policy';
import { approvalProblem, recipientMatches } from './decide-field';
import type { FieldDecision, Withheld } from './field-decision';
import type { HubRequest } from './hub-request';

/**
 * Decides a call of one of the hub's mutations (docs/agreement.md, W1–W4: mutations are under the agreement like
 * queries). Only an operation rule allows it; no rule, a party not named, a purpose not listed, a
 * missing approval or an agreement not in force refuse it, naming why. A rule without `purposes`
 * governs the agreement (W3, W4) and needs no purpose. What the mutation then does
 * to a particular record (whose request, which organisation's user) its resolver checks.
 */
export function decideOperation(operation: string, rules: readonly CompiledOperationRule[], request: HubRequest): FieldDecision {
  const deny = (withheld: Withheld): FieldDecision => ({ kind: 'deny', withheld });
  const inForce = rules.filter((r) => r.whileNotInForce === true || request.agreementStates.get(r.agreement.id)?.active === true);
  if (rules.length > 0 && inForce.length === 0) {
    const first = rules[0]!;
    const state = request.agreementStates.get(first.agreement.id);
    return deny({
      rule: 'R12-agreement-not-in-force',
      agreement: first.agreementRef,
      reason: `${first.agreementRef} is not in force: ${state?.reason ?? 'unknown agreement state'}`,
    });
  }
  const matching = inForce.filter((r) => recipientMatches(r.recipients, request.requester));
  if (matching.length === 0) {
    return deny({
      rule: 'no-operation-rule',
      agreement: null,
      reason: `no agreement in force lets ${request.requester.org} (${request.requester.roles.join(', ')}) call ${operation}`,
    });
  }
  // A rule that lists no purposes governs the agreement itself (approving staff, suspending it):
  // no subject's data is handled, so it needs the caller's approval but no purpose. A representative
  // must be able to suspend the agreement without first inventing a reason to see personal data.
  if (matching.some((r) => r.purposes === undefined)) {
    const unapproved = approvalProblem(request);
    return unapproved?.rule === 'ISA-6.4-approval' ? deny(unapproved) : { kind: 'structural' };
  }
  const notApproved = approvalProblem(request);
  if (notApproved) return deny(notApproved);
  const allowed = matching.find((r) => (r.purposes ?? r.agreement.purposes).includes(request.purpose!));
  if (!allowed) {
    const first = matching[0]!;
    return deny({
      rule: first.id,
      agreement: first.agreementRef,
      reason: `${first.id} lets you call ${operation} only for ${(first.purposes ?? first.agreement.purposes).join(', ')}`,
    });
  }
  return { kind: 'structural' };
}

/** Whether the requester may call the mutation at all (for remedies: "you may ask the owner"). */
export function mayCall(rules: readonly CompiledOperationRule[], request: HubRequest): boolean {
  return decideOperation('', rules, request).kind !== 'deny';
}
