import { ServiceUnavailableError } from '@hub/shared';
import type { GraphQLSchema } from 'graphql';
import type { CompiledPolicy } from '../../policy/compiled-policy';
import { coerceVariables } from '../../policy/operation-variables';
import type { PlanCache } from '../../policy/plan-cache';
import { planOperation, type PlanNode } from '../../policy/plan-operation';
import type { Ownership } from '../../supergraph/ownership';
import type { Stage } from '../stage';

/** Gateway fields that need nothing from the hub's store (the directory-backed care pathway). */
const STATELESS_GATEWAY_FIELDS = new Set(['Query.carePathway']);

/**
 * Phase 1: decides every field on what needs no record data and rewrites the operation (cached per
 * operation and kind of requester). With the store down, an operation that needs the registry or
 * reaches personal data is refused here, honestly, before any partner is asked.
 */
export function planStage(deps: { schema: GraphQLSchema; policy: CompiledPolicy; ownership: Ownership; plans: PlanCache }): Stage {
  return {
    name: 'plan',
    run(run) {
      const request = run.hubRequest!;
      const { operation } = run;
      const coerced = coerceVariables(deps.schema, operation.document, operation.operationName, operation.variables);
      const key = deps.plans.keyFor(operation, request, coerced);
      let plan = deps.plans.get(key);
      if (!plan) {
        plan = planOperation({
          ...deps,
          document: operation.document,
          operationName: operation.operationName,
          variables: coerced,
          request,
        });
        deps.plans.set(key, plan);
      }
      if (request.stateUnavailable && plan.nodes.some(needsState)) {
        throw new ServiceUnavailableError('The hub cannot check approvals right now; no personal data was disclosed. Try again shortly.');
      }
      run.plan = plan;
    },
  };
}

/** Personal data, statistics and the gateway's registry-backed fields all depend on the store. */
function needsState(node: PlanNode): boolean {
  if (node.hidden || node.coordinate.endsWith('.__typename')) return false;
  if (node.scope === 'gateway') return /^(Query|Mutation)\./.test(node.coordinate) && !STATELESS_GATEWAY_FIELDS.has(node.coordinate);
  if (node.scope === 'public') return false;
  return !node.structural || node.children.some(needsState);
}
