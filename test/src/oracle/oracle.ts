import { allRules, loadAgreementsFromDir, type Agreement } from './model/agreement';
import type { RequestContext } from './model/request';
import { loadHubSchema, type HubSchema } from './model/schema';
import type { Grant } from './model/grants';
import type { World } from './model/world';
import type { Policy } from './semantics/decide';
import { expectedData, type ExpectedError } from './semantics/evaluate';
import { grantRules } from './semantics/grants';
import { expectedNotices, type ExpectedNotice } from './semantics/notices';
import { prepareOperation } from './semantics/operation';

/**
 * The independent oracle: given the agreements, the partners' rows, a request and an operation,
 * the response docs/policy.md says the gateway must give. It shares no code with the gateway.
 */

export interface ExpectedResponse {
  data: Record<string, unknown>;
  /** FORBIDDEN errors: path and rule (§4.1, §5). */
  errors: ExpectedError[];
  /** `extensions.policyNotices` (§5). */
  notices: ExpectedNotice[];
}

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export class Oracle {
  readonly policy: Policy;

  /** The disclosures on request in force (model/grants.ts); they count only for requests that match them. */
  grants: readonly Grant[] = [];

  constructor(
    readonly world: World,
    agreements: Agreement[] = loadAgreementsFromDir(),
    readonly schema: HubSchema = loadHubSchema(),
  ) {
    this.policy = { agreements, rules: allRules(agreements), schema };
  }

  /** policyFor's answers, for the grants they were worked out from (a run asks the same terms thousands of times). */
  private byTerms = { grants: this.grants, policies: new Map<string, Policy>() };

  /** The agreements' rules, and after them the disclosures on request this request matches. */
  policyFor(request: RequestContext): Policy {
    if (this.byTerms.grants !== this.grants) this.byTerms = { grants: this.grants, policies: new Map() };
    // Everything grantRules reads of the request.
    const terms = JSON.stringify([request.requester, request.purpose, request.lawfulBasis, request.caseRef]);
    let policy = this.byTerms.policies.get(terms);
    if (!policy) {
      const granted = grantRules(this.grants, request, this.policy.agreements, this.schema, this.policy.rules.length);
      policy = granted.length === 0 ? this.policy : { ...this.policy, rules: [...this.policy.rules, ...granted] };
      this.byTerms.policies.set(terms, policy);
    }
    return policy;
  }

  /** `withoutGrants`: as if no disclosure on request had been made (how a run shows it reached them). */
  expect(request: RequestContext, operation: OperationRequest, options: { withoutGrants?: boolean } = {}): ExpectedResponse {
    const op = prepareOperation(this.schema.schema, operation.query, operation.variables ?? {}, operation.operationName);
    const env = { policy: options.withoutGrants ? this.policy : this.policyFor(request), request, op, world: this.world };
    const { data, errors } = expectedData(env);
    return { data, errors, notices: expectedNotices(env) };
  }
}
