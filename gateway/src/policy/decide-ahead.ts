import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { needsRecordCheck } from './field-decision';
import { decidesRecordsAt } from './install-enforcement';
import type { PlanNode } from './plan-operation';
import type { PolicyContext, RequestPolicy } from './request-policy';
import { pathKey } from './subject-path';

type Path = GraphQLResolveInfo['path'];

/**
 * Phase 2 for the planned core, before execution: every value the record rules decide is decided
 * on the merged answers, by the same graphql-shield rules and the same RequestPolicy.decide that
 * the wrapped resolvers use, and kept by its response path. graphql-js then executes without a
 * promise per decided value: the wrapped resolvers read what was decided (request-policy.ts).
 *
 * Deciding during execution made every object above a decided value complete asynchronously
 * (graphql-js's promiseForObject, one per subject and record): about a tenth of the gateway's CPU
 * on a 50-subject dashboard. Decided here, the rules, the values they see (the parent, each item,
 * the enclosing subject's facts), the order of the walk and what is recorded are those of
 * execution: the walk follows the executed plan's nodes and response keys, goes into a decided
 * value as execution does (into the items kept, renumbered), and builds graphql-js's paths
 * (response keys, indices, the parent type) so the rules note and record at the same paths.
 *
 * A field the walk did not decide is decided during execution, as before. And if execution goes a
 * way the walk did not foresee (it reports an error), the caller undoes what the walk recorded and
 * executes again deciding as it goes (planned-executor.ts): the walk can only ever save work.
 */
export async function decideAhead(
  policy: RequestPolicy,
  data: Record<string, unknown>,
  schema: GraphQLSchema,
  context: PolicyContext,
): Promise<ReadonlyMap<string, unknown>> {
  const decided = new Map<string, unknown>();
  const pending: Promise<void>[] = [];
  /**
   * Of a selection's nodes, those the walk visits, and whether the wrapped resolver decides at
   * each for this request: the same for every object of the selection, so worked out once per
   * selection. Hidden fields are the gateway's own reads; withheld and empty ones are not
   * executed; a leaf nobody decides has nothing to walk.
   */
  const visited = new Map<readonly PlanNode[], readonly Visit[]>();
  const visitsOf = (nodes: readonly PlanNode[]): readonly Visit[] => {
    let visits = visited.get(nodes);
    if (!visits) {
      const found: Visit[] = [];
      for (const node of nodes) {
        if (node.hidden || node.withheld || node.nothingAsked) continue;
        const deciding =
          node.decision !== undefined && needsRecordCheck(node.decision) && decidesRecordsAt(schema, node.coordinate, context);
        if (deciding || node.children.length > 0) found.push({ node, deciding, fieldName: fieldNameOf(node) });
      }
      visited.set(nodes, (visits = found));
    }
    return visits;
  };

  const walkObject = (object: Record<string, unknown>, nodes: readonly PlanNode[], path: Path | undefined, typename: string) => {
    if (typename === 'Person' && path && policy.plan.needsSubjectFacts) policy.noteSubject(pathKey(path), object);
    for (const { node, deciding, fieldName } of visitsOf(nodes)) {
      const fieldPath: Path = { prev: path, key: node.responseKey, typename };
      const value = object[node.responseKey];
      if (deciding) {
        const info = { path: fieldPath, parentType: { name: typename }, fieldName, fieldNodes: [] };
        pending.push(
          policy.decide(node, value, object, {}, context, info as unknown as GraphQLResolveInfo).then((kept) => {
            decided.set(pathKey(fieldPath), kept);
            walkValue(kept, node, fieldPath);
          }),
        );
      } else walkValue(value, node, fieldPath);
    }
  };

  const walkValue = (value: unknown, node: PlanNode, path: Path) => {
    const first = node.children[0];
    if (!first || value === null || typeof value !== 'object') return;
    const typename = typeNameOf(first);
    if (!Array.isArray(value)) return walkObject(value as Record<string, unknown>, node.children, path, typename);
    value.forEach((item, index) => {
      if (item !== null && typeof item === 'object')
        walkObject(item as Record<string, unknown>, node.children, { prev: path, key: index, typename: undefined }, typename);
    });
  };

  walkObject(data, policy.plan.nodes, undefined, 'Query');
  // A decided value's own fields are walked once it is decided: round by round until none is left.
  while (pending.length > 0) await Promise.all(pending.splice(0));
  return decided;
}

interface Visit {
  node: PlanNode;
  deciding: boolean;
  fieldName: string;
}

function typeNameOf(node: PlanNode): string {
  return node.coordinate.slice(0, node.coordinate.indexOf('.'));
}

function fieldNameOf(node: PlanNode): string {
  return node.coordinate.slice(node.coordinate.indexOf('.') + 1);
}
