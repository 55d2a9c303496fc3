import { createHash, randomUUID } from 'node:crypto';
import { BadUserInputError, currentRequest } from '@hub/shared';
import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { Kind, parse, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { AuditTrail } from '../audit/audit-trail';
import type { PlannedExecutor } from '../execution/planned-executor';
import type { KeyPair } from '../identity/key-store';
import type { TrustedIssuer } from '../identity/trusted-issuers';
import type { CompiledPolicy } from '../policy/compiled-policy';
import type { HubRequest } from '../policy/hub-request';
import { PlanCache } from '../policy/plan-cache';
import { ShieldRulesForAgreements } from '../policy/request-policy';
import type { HubStore } from '../store/hub-store';
import type { Ownership } from '../supergraph/ownership';
import { deadlineIn } from './deadline';
import type { Operation, RecipientRead } from './hub-context';
import { draftsFor } from '../audit/drafts';
import { shapeResponse } from '../policy/shape-response';
import type { RequestRun } from './request-run';
import { NO_INSTRUMENTATION, runStages, type Instrumentation, type Stage } from './stage';
import { accountStage } from './stages/account.stage';
import { authenticateStage } from './stages/authenticate.stage';
import { executePlainStage, executeStage, type ExecuteDeps } from './stages/execute.stage';
import { planStage } from './stages/plan.stage';
import { readStateStage } from './stages/read-state.stage';
import { respondStage } from './stages/respond.stage';

export interface PipelineOptions {
  schema: GraphQLSchema;
  policy: CompiledPolicy;
  ownership: Ownership;
  issuers: TrustedIssuer[];
  store: HubStore;
  /** Signs the gateway → subgraph tokens. */
  signingKey: KeyPair;
  /** Where disclosures are recorded before a response leaves; null only to measure its cost. */
  audit: AuditTrail | null;
  /** Every subgraph call of a request is aborted this long after the request arrived. */
  deadlineMs: number;
  /** Where each partner serves (its referral places sit beside its GraphQL endpoint). */
  endpoints?: Record<string, string>;
  /** The execution core for queries over partner data (the stitched schema runs the rest). */
  planned?: PlannedExecutor;
  /** The hub's clock (tests move it to see a disclosure expire). */
  clock?: () => Date;
  instrumentation?: Instrumentation;
  /** Told when the store or the log fails (the stage carries on or fails closed itself). */
  onStoreUnavailable?: (error: unknown) => void;
  onLogUnavailable?: (error: unknown) => void;
}

/**
 * The hub's request pipeline, as named stages composed by one runner:
 * authenticate → read state → plan → execute → account (shape and record) → respond.
 * `baseline: true` composes the same runtime without the policy and the log (only the benchmark
 * uses it): no flag reaches into the security-critical stages.
 */
export function hubExecutor(options: PipelineOptions & { baseline?: boolean }): GatewayExecutor {
  const instrumentation = options.instrumentation ?? NO_INSTRUMENTATION;
  const deps: ExecuteDeps = {
    ...options,
    shieldRules: new ShieldRulesForAgreements(),
    runAs: (parent, source, variables, request) => runAs(parent, source, variables, request),
    readAs: () => Promise.reject(new Error('not ready')),
    planAs: () => Promise.reject(new Error('not ready')),
  };
  const plan = planStage({ ...options, plans: new PlanCache() });
  const enforced: Stage[] = [
    plan,
    executeStage(deps),
    accountStage(options.audit, options.onLogUnavailable ?? noop),
    respondStage(options.policy),
  ];
  const stages: Stage[] = options.baseline
    ? [authenticateStage(options.issuers), tokenOnlyStage, executePlainStage(deps)]
    : [
        authenticateStage(options.issuers),
        readStateStage(options.store, options.policy, options.schema, options.ownership, options.onStoreUnavailable ?? noop),
        ...enforced,
      ];

  /** An operation the gateway asks on a requester's behalf: the same enforcement and log, the parent's deadline. */
  const runAs = (parent: RequestRun, source: string, variables: Record<string, unknown>, request: HubRequest): Promise<ExecutionResult> =>
    runStages(enforced, childRun(parent, source, variables, request), instrumentation);

  /**
   * Decides and reads as a recipient with the same plan and execution stages, shaped as for a
   * response, but records nothing yet: the caller records it (`record`) once what it does with the
   * values has happened (a referral: only after the provider's place is held). Nothing is recorded
   * for a read the caller abandons, because nothing of it leaves.
   */
  const readAs = async (
    parent: RequestRun,
    source: string,
    variables: Record<string, unknown>,
    request: HubRequest,
  ): Promise<RecipientRead> => {
    const run = childRun(parent, source, variables, request);
    const shapeOnly: Stage = {
      name: 'account',
      run(child) {
        child.shaped = shapeResponse(child.executed!, child.plan!.nodes, child.policy!, { account: true });
        child.response = child.shaped.result;
      },
    };
    const response = await runStages([plan, executeStage(deps), shapeOnly], run, instrumentation);
    if (!run.shaped) return { refused: response };
    const shaped = run.shaped;
    return {
      plan: run.plan!,
      shaped,
      async record(as = {}) {
        if (!options.audit || shaped.disclosures.length === 0) return;
        const recorded = as.requesterId ? { ...request, requester: { ...request.requester, userId: as.requesterId } } : request;
        const operation = { source, name: run.operation.operationName ?? null };
        await options.audit.log.append(draftsFor(shaped.disclosures, recorded, operation, new Date(), as.initiator ?? null));
      },
    };
  };
  deps.readAs = readAs;

  /** Phase 1 alone for a recipient: the plan stage on a child run, no partner asked, nothing recorded. */
  deps.planAs = async (parent, source, variables, request) => {
    const run = childRun(parent, source, variables, request);
    await instrumentation.around(plan.name, run, async () => plan.run(run));
    return run.plan!;
  };

  const childRun = (parent: RequestRun, source: string, variables: Record<string, unknown>, request: HubRequest): RequestRun => {
    const document = parse(source);
    // Named, so that the log says what the gateway asked on the requester's behalf.
    const operationName = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;
    const run: RequestRun = {
      requestId: parent.requestId,
      startedAt: parent.startedAt,
      operation: { document, source, operationName, variables, queryHash: sha256(source) },
      header: parent.header,
      deadline: parent.deadline,
      claimed: parent.claimed,
      headers: parent.headers,
      state: parent.state,
      hubRequest: request,
    };
    return run;
  };

  const clock = options.clock ?? (() => new Date());
  return async (requestContext) => {
    // Apollo Server hands over a document whose operation it could not pick (an operation name
    // the document does not have) with no operation: refused here, before any partner is asked.
    if (!requestContext.operation) {
      const named = requestContext.request.operationName;
      return {
        errors: [
          new BadUserInputError(named ? `the document has no operation named "${named.slice(0, 100)}"` : 'name the operation to run', {
            status: 400,
          }),
        ],
      };
    }
    return runStages(stages, newRun(requestContext, options.deadlineMs, clock()), instrumentation);
  };
}

/** The baseline reads nothing from the store: the requester is who the token says. */
const tokenOnlyStage: Stage = {
  name: 'read-state',
  run(run) {
    run.hubRequest = { requestId: run.requestId, requester: run.claimed!, approval: null, ...run.headers!, agreementStates: new Map() };
  },
};

function newRun(requestContext: GatewayGraphQLRequestContext, deadlineMs: number, startedAt: Date): RequestRun {
  const headers = requestContext.request.http?.headers;
  const operation: Operation = {
    document: requestContext.document,
    source: requestContext.source,
    operationName: requestContext.operationName,
    variables: requestContext.request.variables,
    queryHash: requestContext.queryHash,
  };
  return {
    // The id the HTTP layer gave the request: one id in its log line, header, response and disclosure records.
    requestId: currentRequest()?.requestId ?? randomUUID(),
    startedAt,
    operation,
    header: (name) => headers?.get(name) ?? undefined,
    deadline: deadlineIn(deadlineMs),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function noop(): void {}
