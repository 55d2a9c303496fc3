import { recordCompletion, requestLogger } from '@hub/shared';
import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { CompiledPolicy } from '../policy/compiled-policy';
import { decideAhead } from '../policy/decide-ahead';
import { installRecordEnforcement, recordWrapOf } from '../policy/install-enforcement';
import { UNDECIDED, type PolicyContext } from '../policy/request-policy';
import type { SubgraphCallContext } from '../supergraph/subgraph-fetch';
import { completeAnswers, UNKNOWN_VALUE, type FieldValue } from './complete-answers';
import { dataSchemaOf, isByResponseKey } from './data-schema';
import { FetchPlanner } from './fetch-plan';
import type { AskSubgraph } from './run-fetch-plan';
import { runFetchPlan } from './run-fetch-plan';
import { subgraphMapFromSupergraph } from '../supergraph/subgraph-map';

export interface PlannedExecution {
  document: DocumentNode;
  operationName: string | null | undefined;
  variableValues: Record<string, unknown> | undefined;
  contextValue: SubgraphCallContext & Record<string, unknown>;
}

/**
 * The hub's execution core for queries over partner data (docs/adr/0010-planned-execution.md):
 * the subgraph calls of an operation are planned once per operation document (fetch-plan.ts), made
 * (run-fetch-plan.ts), and graphql-js then executes the operation over the merged answers on a
 * schema that only reads them (data-schema.ts), with the same record rules wrapped around the
 * same fields. What it cannot plan — the gateway's own fields, mutations, introspection — goes
 * to the stitched schema, as before.
 *
 * When every partner answered and every record rule was decided on the answers first
 * (decide-ahead.ts), the tree already holds every value the response will: it is completed
 * directly (complete-answers.ts) rather than by graphql-js's resolvers. Whatever that cannot
 * answer as graphql-js would without an error, graphql-js executes.
 */
export class PlannedExecutor {
  private readonly planner: FetchPlanner;
  private readonly dataSchema: GraphQLSchema;

  constructor(
    gatewaySchema: GraphQLSchema,
    supergraphSdl: string,
    private readonly asker: (context: SubgraphCallContext) => AskSubgraph,
    policy: CompiledPolicy | null,
  ) {
    this.planner = new FetchPlanner(gatewaySchema, subgraphMapFromSupergraph(supergraphSdl));
    this.dataSchema = dataSchemaOf(gatewaySchema);
    if (policy) installRecordEnforcement(this.dataSchema, policy);
  }

  /** The result, or undefined when the operation has no fetch plan (the caller executes it stitched). */
  execute(args: PlannedExecution): Promise<ExecutionResult> | undefined {
    const plan = this.planner.planFor(args.document, args.operationName);
    if (!plan) return undefined;
    return (async () => {
      const { data, errors } = await runFetchPlan(plan, args.variableValues ?? {}, this.asker(args.contextValue));
      const run = () =>
        execute({
          schema: this.dataSchema,
          document: args.document,
          rootValue: data,
          contextValue: args.contextValue,
          variableValues: args.variableValues,
          operationName: args.operationName,
        }) as ExecutionResult | Promise<ExecutionResult>;
      const context = args.contextValue as unknown as PolicyContext;
      const policy = context.hubPolicy;
      // Every partner answered: the record rules are decided on the answers first, and execution
      // reads what they decided (policy/decide-ahead.ts). Otherwise they are decided as it goes.
      const undo = policy && errors.length === 0 && data ? policy.checkpoint() : undefined;
      const ahead = undo ? await decideAhead(policy!, data!, this.dataSchema, context).catch(walkFailed) : undefined;
      let result: ExecutionResult;
      if (ahead) {
        policy!.useDecidedAhead(ahead);
        try {
          result = this.completed(args, data!) ?? (await run());
        } finally {
          policy!.useDecidedAhead(undefined);
        }
        if (result.errors?.length) {
          // Execution went a way the walk did not foresee: undo what it recorded, and decide as execution goes.
          undo!();
          result = await run();
        }
      } else if (!policy && errors.length === 0 && data) {
        // No policy (the benchmark's baseline, enforcement off): nothing to decide.
        result = this.completed(args, data) ?? (await run());
      } else {
        undo?.();
        recordCompletion('graphql-js');
        result = await run();
      }
      return errors.length > 0 ? { ...result, errors: [...(result.errors ?? []), ...errors] } : result;
    })();
  }

  /** The response completed from the tree without resolvers, or undefined for graphql-js to execute. */
  private completed(args: PlannedExecution, data: Record<string, unknown>): ExecutionResult | undefined {
    const completed = completeAnswers({
      schema: this.dataSchema,
      document: args.document,
      operationName: args.operationName,
      variableValues: args.variableValues,
      rootValue: data,
      valueOf: fieldValues(args.contextValue as unknown as PolicyContext),
    });
    // Once per response: by the answers, or by graphql-js (which then runs once or, after an error, twice).
    recordCompletion(completed ? 'answers' : 'graphql-js');
    return completed;
  }
}

/**
 * Each field's value as the data schema's resolvers would give it (data-schema.ts): its own by
 * response key, or, on a field the record rules wrap, as the wrap would — the value itself, or
 * what the policy decided before execution. Anything else only the resolver can say.
 */
function fieldValues(context: PolicyContext): FieldValue {
  return (field, node, parent, prev, key, typename) => {
    if (isByResponseKey(field.resolve)) return parent[key];
    const wrap = recordWrapOf(field);
    if (!wrap || !isByResponseKey(wrap.original)) return UNKNOWN_VALUE;
    switch (wrap.enforcement(context)) {
      case 'own':
        return parent[key];
      case 'policy': {
        const value = context.hubPolicy!.decidedValue(node, parent[key], () => ({ prev, key, typename }));
        return value === UNDECIDED ? UNKNOWN_VALUE : value;
      }
      default:
        return UNKNOWN_VALUE;
    }
  };
}

/** A fault in the walk (a bug, not a partner's doing): execution decides as it goes, as before, and the fault is logged. */
function walkFailed(error: unknown): undefined {
  requestLogger('gateway').error({ err: error }, 'deciding record rules before execution failed; they are decided during execution');
  return undefined;
}
