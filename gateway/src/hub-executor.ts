import { createHash, randomUUID } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { SUBGRAPH_NAMES, signGatewayToken } from '@hub/shared';
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { AuditTrail } from './audit/audit-trail';
import type { AppendReceipt } from './audit/disclosure-log';
import { draftsFor } from './audit/drafts';
import { ukDate } from './agreements/iso-date';
import { authenticate, type Principal } from './identity/authenticate';
import { confirmWithRegistry } from './identity/registry-identity';
import type { KeyPair } from './identity/key-store';
import type { TrustedIssuer } from './identity/trusted-issuers';
import { agreementStates } from './policy/agreement-states';
import type { CompiledPolicy } from './policy/compiled-policy';
import { handlingFor } from './policy/handling';
import type { HubRequest } from './policy/hub-request';
import { PlanCache } from './policy/plan-cache';
import { coerceVariables } from './policy/operation-variables';
import { planOperation } from './policy/plan-operation';
import { shapeResponse } from './policy/shape-response';
import { RequestPolicy, ShieldRulesForAgreements, type PolicyContext } from './policy/request-policy';
import { parseHubHeaders } from './request/hub-headers';
import type { HubStore, RequestState } from './store/hub-store';
import type { Ownership } from './supergraph/ownership';

export interface HubExecutorOptions {
  schema: GraphQLSchema;
  policy: CompiledPolicy;
  ownership: Ownership;
  issuers: TrustedIssuer[];
  store: HubStore;
  /** Signs the gateway → subgraph tokens. */
  signingKey: KeyPair;
  /** `off` only for the benchmark's baseline: no policy, no planning. */
  enforcement: 'on' | 'off';
  /** Where disclosures are recorded before a response leaves; null only to measure its cost. */
  audit: AuditTrail | null;
}

/** What resolvers and the subgraph executors see for one request. */
export interface HubContext extends PolicyContext {
  hubRequest: HubRequest;
  principal: Principal;
  /** Gateway-signed tokens, one per subgraph (audience), minted once per request. */
  subgraphTokens: Record<string, string>;
  store: HubStore;
  /** The compiled agreements; `policy.agreements` are the agreements themselves. */
  policy: CompiledPolicy;
  /** Which partner owns each field: the gateway's own resolvers plan their reads with it. */
  ownership: Ownership;
  audit: AuditTrail | null;
  /**
   * Runs an operation the gateway asks on the requester's behalf (e.g. the facts an explanation
   * needs) through the same enforcement and log as a client's: what comes back is what they may see.
   */
  runAsRequester(source: string, variables: Record<string, unknown>, request: HubRequest): Promise<ExecutionResult>;
}

/**
 * Every operation the gateway serves runs through here: authenticate, read the request's
 * purpose, basis and case reference, read the registry and agreement state (one round trip),
 * plan (phase 1), execute with the record rules in place (phase 2), and shape the response.
 * Any failure before execution answers with an error and no data: fail closed.
 */
export function hubExecutor(options: HubExecutorOptions): GatewayExecutor {
  const shieldRules = new ShieldRulesForAgreements();
  const plans = new PlanCache();
  const run = (operation: Operation, hubContext: HubContext) => runOperation(operation, hubContext, options, shieldRules, plans);
  return async (requestContext) => {
    let hubContext: HubContext;
    try {
      hubContext = await prepareRequest(requestContext, options, run);
    } catch (error) {
      return { errors: [asClientError(error)] };
    }
    const operation: Operation = {
      document: requestContext.document,
      source: requestContext.source,
      operationName: requestContext.operationName,
      variables: requestContext.request.variables,
      queryHash: requestContext.queryHash,
    };
    if (options.enforcement === 'off') {
      return (await execute({
        schema: options.schema,
        document: operation.document,
        variableValues: operation.variables,
        operationName: operation.operationName,
        contextValue: { ...hubContext, enforcementOff: true },
      })) as ExecutionResult;
    }
    return run(operation, hubContext);
  };
}

/** One operation as the pipeline needs it (the client's, or one the gateway asks on a requester's behalf). */
interface Operation {
  document: DocumentNode;
  source: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  /** Identifies the text for the plan cache. */
  queryHash: string;
}

/**
 * Plan (phase 1), execute with the record rules in place (phase 2), shape, and record the
 * disclosures durably before anything leaves. Any failure before execution answers with an error
 * and no data: fail closed.
 */
async function runOperation(
  operation: Operation,
  hubContext: HubContext,
  options: HubExecutorOptions,
  shieldRules: ShieldRulesForAgreements,
  plans: PlanCache,
): Promise<ExecutionResult> {
  let plan;
  try {
    const coerced = coerceVariables(options.schema, operation.document, operation.operationName, operation.variables);
    const planKey = plans.keyFor(operation, hubContext.hubRequest, coerced);
    plan = plans.get(planKey);
    if (!plan) {
      plan = planOperation({
        schema: options.schema,
        document: operation.document,
        operationName: operation.operationName,
        variables: coerced,
        request: hubContext.hubRequest,
        policy: options.policy,
        ownership: options.ownership,
      });
      plans.set(planKey, plan);
    }
  } catch (error) {
    return { errors: [asClientError(error)] };
  }
  const hubPolicy = new RequestPolicy(plan, hubContext.hubRequest, shieldRules);
  const executed = (await execute({
    schema: options.schema,
    document: plan.document,
    variableValues: operation.variables,
    operationName: operation.operationName,
    contextValue: { ...hubContext, hubPolicy },
  })) as ExecutionResult;
  const { result, owners, disclosures } = shapeResponse(executed, plan.nodes, hubPolicy.withheldOnRecords, {
    account: options.audit !== null,
  });
  const requestId = hubContext.hubRequest.requestId;
  let receipt: AppendReceipt | undefined;
  if (options.audit && disclosures.length > 0) {
    const drafts = draftsFor(
      disclosures,
      hubContext.hubRequest,
      { source: operation.source, name: operation.operationName ?? null },
      new Date(),
    );
    try {
      receipt = await options.audit.log.append(drafts);
    } catch (error) {
      console.error(`[gateway] disclosure log unavailable (request ${requestId}):`, error);
      // Fail closed: personal data leaves only once its disclosure is on record.
      if (owners.size > 0) return auditUnavailable(requestId);
    }
  }
  return {
    ...result,
    extensions: {
      ...result.extensions,
      requestId,
      handling: handlingFor(owners, options.policy.agreements[0], hubPolicy.conditionNotes),
      ...(plan.notices.length > 0 ? { policyNotices: plan.notices } : {}),
      ...(receipt ? { disclosure: receipt } : {}),
    },
  };
}

async function prepareRequest(
  requestContext: GatewayGraphQLRequestContext,
  options: HubExecutorOptions,
  run: (operation: Operation, hubContext: HubContext) => Promise<ExecutionResult>,
): Promise<HubContext> {
  const headers = requestContext.request.http?.headers;
  const header = (name: string) => headers?.get(name) ?? undefined;
  const claimed = await authenticate(header('authorization'), options.issuers);
  const { purpose, lawfulBasis, caseRef } = parseHubHeaders(header);
  const now = new Date();
  const requestId = randomUUID();
  // Without enforcement (the benchmark's baseline) nothing reads the registry or suspensions.
  const state = options.enforcement === 'off' ? NO_STATE : await readState(options.store, claimed, now);
  // The registry, not the token, says who the user is (spec §4).
  const principal = confirmWithRegistry(claimed, state.registration);
  const claims = { sub: principal.userId, org: principal.org, roles: principal.roles, purpose, lawfulBasis, caseRef, requestId };
  const tokens = await Promise.all(
    SUBGRAPH_NAMES.map((name) => signGatewayToken(options.signingKey.privateKey, options.signingKey.kid, claims, name)),
  );
  const hubRequest: HubRequest = {
    requestId,
    requester: principal,
    approval: state.approval,
    purpose,
    lawfulBasis,
    caseRef,
    agreementStates: agreementStates(options.policy.agreements, state.suspensions, now),
  };
  const hubContext: HubContext = {
    hubRequest,
    principal,
    subgraphTokens: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, tokens[i]!])),
    store: options.store,
    policy: options.policy,
    ownership: options.ownership,
    audit: options.audit,
    runAsRequester: (source, variables, request) => {
      const document = parse(source);
      // Named, so that the log says what the gateway asked on the requester's behalf.
      const operationName = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)?.name
        ?.value;
      return run(
        { document, source, operationName, variables, queryHash: createHash('sha256').update(source).digest('hex') },
        { ...hubContext, hubRequest: request },
      );
    },
  };
  return hubContext;
}

function auditUnavailable(requestId: string): ExecutionResult {
  return {
    errors: [
      new GraphQLError('The disclosure log cannot record this response, so no personal data was sent. Try again shortly.', {
        extensions: { code: 'AUDIT_UNAVAILABLE', http: { status: 503 } },
      }),
    ],
    extensions: { requestId },
  };
}

const NO_STATE: RequestState = { registration: null, approval: null, suspensions: [] };

function readState(store: HubStore, principal: Principal, now: Date): Promise<RequestState> {
  return store.requestState(principal.issuer, principal.userId, ukDate(now)).catch((error: unknown) => {
    console.error('[gateway] hub store unavailable:', error);
    throw new GraphQLError('The hub cannot check approvals right now; no data was disclosed. Try again shortly.', {
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
  });
}

/** Errors written for the client pass as they are; anything else is masked by formatError. */
function asClientError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) {
    if (error.extensions.code === 'UNAUTHENTICATED' && !error.extensions.http) {
      return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
    }
    return error;
  }
  return new GraphQLError('Internal error', { originalError: error instanceof Error ? error : undefined });
}
