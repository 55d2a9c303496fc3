import {
  getVariableValues,
  Kind,
  parse,
  valueFromAST,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';

/**
 * What was asked: the operation's fields per object, after fragments are spread, `@skip` and
 * `@include` are applied with the request's variables, and fields with the same response key
 * are merged (GraphQL's CollectFields). "Asked-for fields" and "the order the fields were asked"
 * (docs/policy.md §4.1, §5) are read off this.
 */

export interface Operation {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function prepareOperation(
  schema: GraphQLSchema,
  source: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
): Operation {
  const document: DocumentNode = parse(source);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || operation.operation !== 'query') throw new Error('the oracle models query operations only');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw new Error(`variables: ${coerced.errors.map((e) => e.message).join('; ')}`);
  return { schema, operation, fragments, variables: coerced.coerced };
}

/** One response key of an object: the field asked and every node that asked it. */
export interface AskedField {
  responseKey: string;
  fieldName: string;
  nodes: FieldNode[];
}

/** The fields asked of an object of `type` by these selection sets, in the order first asked. */
export function collectFields(op: Operation, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): AskedField[] {
  const byKey = new Map<string, AskedField>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(op, selection.directives)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const asked = byKey.get(key);
        if (asked) asked.nodes.push(selection);
        else byKey.set(key, { responseKey: key, fieldName: selection.name.value, nodes: [selection] });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === type.name) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = op.fragments.get(name);
        if (fragment && fragment.typeCondition.name.value === type.name) visit(fragment.selectionSet);
      }
    }
  };
  for (const set of selectionSets) visit(set);
  return [...byKey.values()];
}

/** The merged sub-selection of an asked field. */
export function subSelections(asked: AskedField): SelectionSetNode[] {
  return asked.nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
}

/** The asked field's arguments, coerced with the request's variables. */
export function argumentsOf(op: Operation, field: GraphQLField<unknown, unknown>, asked: AskedField): Record<string, any> {
  return getArgumentValues(field, asked.nodes[0]!, op.variables);
}

function included(op: Operation, directives: readonly DirectiveNode[] | undefined): boolean {
  for (const d of directives ?? []) {
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value = valueFromAST(arg.value, op.schema.getType('Boolean') as any, op.variables);
    if (d.name.value === 'skip' && value === true) return false;
    if (d.name.value === 'include' && value !== true) return false;
  }
  return true;
}
