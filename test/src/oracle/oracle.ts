import { allRules, loadAgreementsFromDir, type Agreement } from './model/agreement';
import type { RequestContext } from './model/request';
import { loadHubSchema, type HubSchema } from './model/schema';
import type { World } from './model/world';
import type { Policy } from './semantics/decide';
import { expectedData, type ExpectedError } from './semantics/evaluate';
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

  constructor(
    readonly world: World,
    agreements: Agreement[] = loadAgreementsFromDir(),
    readonly schema: HubSchema = loadHubSchema(),
  ) {
    this.policy = { agreements, rules: allRules(agreements), schema };
  }

  expect(request: RequestContext, operation: OperationRequest): ExpectedResponse {
    const op = prepareOperation(this.schema.schema, operation.query, operation.variables ?? {}, operation.operationName);
    const env = { policy: this.policy, request, op, world: this.world };
    const { data, errors } = expectedData(env);
    return { data, errors, notices: expectedNotices(env) };
  }
}
