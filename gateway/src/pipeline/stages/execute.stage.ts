import { isSubgraphName, recordExecution, signGatewayTokenSync, SUBGRAPH_NAMES } from '@hub/shared';
import { execute, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { AuditTrail } from '../../audit/audit-trail';
import type { KeyPair } from '../../identity/key-store';
import type { TrustedIssuer } from '../../identity/trusted-issuers';
import type { CompiledPolicy } from '../../policy/compiled-policy';
import type { HubRequest } from '../../policy/hub-request';
import type { OperationPlan } from '../../policy/plan-operation';
import { RequestPolicy, type ShieldRulesForAgreements } from '../../policy/request-policy';
import type { HubStore } from '../../store/hub-store';
import type { Ownership } from '../../supergraph/ownership';
import type { PlannedExecution, PlannedExecutor } from '../../execution/planned-executor';
import type { HubContext, RecipientRead } from '../hub-context';
import type { RequestRun } from '../request-run';
import type { Stage } from '../stage';

export interface ExecuteDeps {
  schema: GraphQLSchema;
  policy: CompiledPolicy;
  ownership: Ownership;
  store: HubStore;
  signingKey: KeyPair;
  audit: AuditTrail | null;
  /** The identity providers the hub trusts, and whom each may vouch for. */
  issuers: readonly TrustedIssuer[];
  shieldRules: ShieldRulesForAgreements;
  /** Runs an operation for the same requester through the whole enforced pipeline. */
  runAs(run: RequestRun, source: string, variables: Record<string, unknown>, request: HubRequest): Promise<ExecutionResult>;
  /** Decides and reads for another recipient without recording (referrals record after the hold). */
  readAs(run: RequestRun, source: string, variables: Record<string, unknown>, request: HubRequest): Promise<RecipientRead>;
  /** Plans for another recipient without executing (phase 1 only: no partner is asked). */
  planAs(run: RequestRun, source: string, variables: Record<string, unknown>, request: HubRequest): Promise<OperationPlan>;
  endpoints?: Record<string, string>;
  /** The execution core for queries over partner data; without it every operation runs on the stitched schema. */
  planned?: PlannedExecutor;
}

/** Phase 2: executes the planned operation with the record rules in place (graphql-shield, per value). */
export function executeStage(deps: ExecuteDeps): Stage {
  return {
    name: 'execute',
    async run(run) {
      run.context = contextFor(run, deps);
      run.policy = new RequestPolicy(run.plan!, run.hubRequest!, deps.shieldRules);
      run.executed = await executeOperation(deps, {
        document: run.plan!.document,
        variableValues: run.operation.variables,
        operationName: run.operation.operationName,
        contextValue: { ...run.context, hubPolicy: run.policy },
      });
    },
  };
}

/** The benchmark's baseline: the same runtime, executing the client's operation with no policy and no log. */
export function executePlainStage(deps: ExecuteDeps): Stage {
  return {
    name: 'execute',
    async run(run) {
      run.context = contextFor(run, deps);
      run.response = await executeOperation(deps, {
        document: run.operation.document,
        variableValues: run.operation.variables,
        operationName: run.operation.operationName,
        contextValue: { ...run.context, enforcementOff: true },
      });
    },
  };
}

/** By the planned executor where the operation has a fetch plan, else by the stitched schema. */
async function executeOperation(deps: ExecuteDeps, args: PlannedExecution): Promise<ExecutionResult> {
  const planned = deps.planned?.execute(args);
  recordExecution(planned ? 'planned' : 'stitched');
  return (await (planned ?? execute({ schema: deps.schema, ...args }))) as ExecutionResult;
}

/** The context resolvers see, with a gateway-signed token per subgraph carrying the requester. */
function contextFor(run: RequestRun, deps: ExecuteDeps): HubContext {
  const request = run.hubRequest!;
  const { requester, purpose, lawfulBasis, caseRef } = request;
  const claims = {
    sub: requester.userId,
    org: requester.org,
    roles: requester.roles,
    purpose,
    lawfulBasis,
    caseRef,
    requestId: run.requestId,
  };
  const subgraphTokens: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES)
    subgraphTokens[name] = signGatewayTokenSync(deps.signingKey.privateKey, deps.signingKey.kid, claims, name);
  return {
    hubRequest: request,
    principal: requester as HubContext['principal'],
    subgraphTokens,
    deadline: run.deadline.signal,
    now: run.startedAt,
    store: deps.store,
    policy: deps.policy,
    ownership: deps.ownership,
    audit: deps.audit,
    issuers: deps.issuers,
    runAsRequester: (source, variables, asRequest) => deps.runAs(run, source, variables, asRequest),
    readAsRecipient: (source, variables, asRequest) => deps.readAs(run, source, variables, asRequest),
    planAsRecipient: (source, variables, asRequest) => deps.planAs(run, source, variables, asRequest),
    endpoints: deps.endpoints ?? {},
    operation: { source: run.operation.source, name: run.operation.operationName ?? null },
    records: (drafts, at) => {
      for (const { owner } of drafts) {
        // Data whose partner is not known could not be marked as that partner's: not sent (a bug, fail closed).
        if (!isSubgraphName(owner)) throw new Error(`a gateway field carries data of "${owner}", which is not a partner`);
      }
      (run.recorded ??= []).push({ at, drafts });
    },
  };
}
