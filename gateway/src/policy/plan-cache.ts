import type { HubRequest } from './hub-request';
import type { OperationPlan } from './plan-operation';

/**
 * Plans depend only on the operation and on the request's non-record facts (who, which
 * purpose and basis, whether there is a case reference, the approval, the agreements' state),
 * so a dashboard asked again by the same kind of requester reuses its plan. A plan is never
 * changed after it is made; per-request state lives in RequestPolicy.
 */
export class PlanCache {
  private readonly plans = new Map<string, OperationPlan>();

  constructor(private readonly capacity = 500) {}

  keyFor(
    operation: { queryHash: string; source: string; operationName: string | null | undefined },
    request: HubRequest,
    coercedVariables: Record<string, unknown>,
  ): string {
    const { requester, approval, purpose, lawfulBasis, caseRef, agreementStates } = request;
    const states = [...agreementStates].map(([id, s]) => `${id}:${s.active ? 1 : s.reason}`).join(',');
    // @skip/@include make the plan depend on variables (as coerced, defaults applied); other operations do not.
    const variables = /@(skip|include)\b/.test(operation.source) ? JSON.stringify(coercedVariables) : '';
    return [
      operation.queryHash,
      operation.operationName ?? '',
      // The token's org and roles, not just the user: a changed role must not reuse an old plan.
      `${requester.userId}/${requester.org}/${[...requester.roles].sort().join('+')}`,
      approval ? `${approval.purposes.join('+')}@${approval.expiresOn}` : 'unapproved',
      purpose ?? '',
      lawfulBasis ?? '',
      // A case reference may decide a disclosure on request (its case, or the request itself).
      request.grants?.size ? `case:${caseRef ?? ''}` : caseRef ? 'case' : 'nocase',
      grantsKey(request),
      request.mayRequestInformation ? 'may-request' : '',
      states,
      variables,
    ].join('|');
  }

  get(key: string): OperationPlan | undefined {
    const plan = this.plans.get(key);
    if (plan) {
      // Most recently used last: the first key is the one to evict.
      this.plans.delete(key);
      this.plans.set(key, plan);
    }
    return plan;
  }

  set(key: string, plan: OperationPlan): void {
    this.plans.set(key, plan);
    if (this.plans.size > this.capacity) this.plans.delete(this.plans.keys().next().value!);
  }
}

/** The requester's disclosures on request change what they may see: plans differ with them. */
function grantsKey(request: HubRequest): string {
  if (!request.grants?.size) return '';
  const ids = new Set<string>();
  for (const rules of request.grants.values()) for (const rule of rules) ids.add(`${rule.id}:${rule.owner}`);
  return [...ids].sort().join(',');
}
