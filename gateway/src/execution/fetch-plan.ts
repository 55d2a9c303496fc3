import {
  getNamedType,
  isObjectType,
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { SubgraphMap } from '../supergraph/subgraph-map';
import { wireSelections, type Expansion } from './wire-selections';

/**
 * The subgraph calls that answer one operation, worked out once per operation document (and so
 * once per operation and kind of requester: the policy's plan rewrites the document per kind).
 * The same idea as @apollo/gateway's query plan, for the supergraph the hub has: object types only,
 * single-field keys, no @requires/@provides. Anything else has no fetch plan and is executed by the
 * stitched schema instead (planned-executor.ts).
 */
export interface FetchPlan {
  /** The client's operation name, given to every call: a partner's telemetry and logs name operations by it. */
  operationName: string | undefined;
  /** One call per subgraph that holds a root field asked (a shared root field goes to each subgraph with fields under it). */
  roots: RootFetch[];
}

export interface RootFetch {
  subgraph: string;
  /** The query text, printed once: each field the gateway repeats asked once (wire-selections.ts). */
  query: string;
  /** Gives the answer the keys of the fields asked once; null when none was. */
  expansion: Expansion | null;
  /** The client's variables it uses (their values are passed as the client gave them). */
  variables: readonly string[];
  /** What it asks, as fields: an answer holding anything else is not merged (run-fetch-plan.ts). */
  selections: readonly SelectionNode[];
  /** What it supplies, per root response key: marked as missing if the call fails. */
  supplies: readonly Supplied[];
  /** Entities under its answer whose other fields live in other subgraphs. */
  entities: EntityFetch[];
}

export interface Supplied {
  responseKey: string;
  /** The response keys it supplies on the object(s) under the root field; empty when it supplies the whole field. */
  fields: readonly string[];
}

/** Fields of an entity that another subgraph resolves, fetched by key through `_entities`. */
export interface EntityFetch {
  subgraph: string;
  typeName: string;
  /** Response keys from the objects the parent fetch answered (the root, or its entities) down to these entities; lists are walked through. */
  path: readonly string[];
  /** The key field, and the alias under which the parent fetch asked for it. */
  keyField: string;
  keyAlias: string;
  /** `... on Type { … }`, printed once, each field the gateway repeats asked once. */
  selection: string;
  /** Gives each entity answered the keys of the fields asked once; null when none was. */
  expansion: Expansion | null;
  /** The same, as fields: an entity answered with anything else is not merged. */
  selections: readonly SelectionNode[];
  /** The response keys it supplies on each entity: marked as missing if the call fails. */
  fields: readonly string[];
  variables: readonly string[];
  /** Their definitions as the client wrote them (defaults included), printed once. */
  variableDefinitions: Record<string, string>;
  entities: EntityFetch[];
}

/** Why an operation has no fetch plan: it is executed by the stitched schema. */
class Unplannable extends Error {}

/** The gateway's own alias prefix (hidden-fields.ts): clients cannot use it, so it cannot collide. */
const KEY_ALIAS_PREFIX = '__hub_key_';

export class FetchPlanner {
  private readonly plans = new WeakMap<DocumentNode, FetchPlan | null>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly subgraphs: SubgraphMap,
  ) {}

  /** The fetch plan of the document's (only) query, or null when it has none. */
  planFor(document: DocumentNode, operationName: string | null | undefined): FetchPlan | null {
    let plan = this.plans.get(document);
    if (plan === undefined) {
      try {
        plan = this.build(document, operationName);
      } catch (error) {
        if (!(error instanceof Unplannable)) throw error;
        plan = null;
      }
      this.plans.set(document, plan);
    }
    return plan;
  }

  private build(document: DocumentNode, operationName: string | null | undefined): FetchPlan | null {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (document.definitions.length !== 1 || operations.length !== 1) throw new Unplannable('fragments or several operations');
    const operation = operations[0]!;
    if (operationName && operation.name?.value !== operationName) throw new Unplannable('another operation');
    const queryType = this.schema.getQueryType();
    if (operation.operation !== 'query' || !queryType) throw new Unplannable('not a query');

    const bySubgraph = new Map<string, { fields: FieldNode[]; supplies: Supplied[] }>();
    const assign = (subgraph: string, field: FieldNode, supplied: Supplied) => {
      let entry = bySubgraph.get(subgraph);
      if (!entry) bySubgraph.set(subgraph, (entry = { fields: [], supplies: [] }));
      entry.fields.push(field);
      entry.supplies.push(supplied);
    };
    for (const root of fieldsOf(operation.selectionSet.selections)) {
      const name = root.name.value;
      const responseKey = root.alias?.value ?? name;
      if (name === '__typename') continue; // answered by graphql-js from the schema
      if (name.startsWith('__')) throw new Unplannable('introspection');
      const graphs = this.subgraphs.graphsOf(queryType.name, name);
      if (graphs.length === 0) throw new Unplannable(`${name} is the gateway's own`);
      if (graphs.length === 1 || !root.selectionSet) {
        assign(graphs[0]!, root, { responseKey, fields: [] });
        continue;
      }
      for (const [subgraph, selections] of this.splitSharedRoot(queryType, root, graphs)) {
        assign(
          subgraph,
          { ...root, selectionSet: { kind: Kind.SELECTION_SET, selections } },
          { responseKey, fields: selections.map(responseKeyOf) },
        );
      }
    }

    const roots: RootFetch[] = [];
    for (const [subgraph, { fields, supplies }] of bySubgraph) {
      const entities: EntityFetch[] = [];
      const selections = fields.map((field) => this.field(queryType, field, subgraph, [], entities));
      const wire = wireSelections(selections);
      const selectionSet = { kind: Kind.SELECTION_SET, selections: wire.selections } as const;
      const variables = variablesIn(selectionSet);
      const definitions = (operation.variableDefinitions ?? []).filter((d) => variables.includes(d.variable.name.value));
      const query = print({
        kind: Kind.OPERATION_DEFINITION,
        operation: operation.operation,
        name: operation.name,
        variableDefinitions: definitions,
        selectionSet,
      });
      roots.push({ subgraph, query, expansion: wire.expansion, variables, selections, supplies, entities });
    }
    const printed = Object.fromEntries((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, print(d)]));
    const define = (fetch: EntityFetch): void => {
      for (const name of fetch.variables) fetch.variableDefinitions[name] = printed[name]!;
      fetch.entities.forEach(define);
    };
    for (const root of roots) root.entities.forEach(define);
    return { operationName: operation.name?.value, roots };
  }

  /**
   * A root field every partner serves (`people`, `stats`) is asked of each partner with fields under
   * it, in one call each, rather than of one and then of the others by key: one round trip fewer.
   * Fields all of them serve (the echoed key) go to each; the others to the first partner serving them.
   */
  private splitSharedRoot(queryType: GraphQLObjectType, root: FieldNode, graphs: readonly string[]): Map<string, SelectionNode[]> {
    const type = objectTypeOf(queryType, root);
    const common: FieldNode[] = [];
    const split = new Map<string, SelectionNode[]>();
    for (const field of fieldsOf(root.selectionSet!.selections)) {
      const serving = field.name.value === '__typename' ? graphs : this.subgraphs.graphsOf(type.name, field.name.value);
      if (graphs.every((g) => serving.includes(g))) {
        common.push(field);
        continue;
      }
      const chosen = serving.find((g) => split.has(g)) ?? serving.find((g) => graphs.includes(g)) ?? graphs[0]!;
      let selections = split.get(chosen);
      if (!selections) split.set(chosen, (selections = []));
      selections.push(field);
    }
    if (split.size === 0) split.set(graphs[0]!, []);
    for (const selections of split.values()) selections.unshift(...common);
    return split;
  }

  /** The field as asked of `subgraph`, with what other subgraphs hold beneath it planned as entity fetches. */
  private field(
    parentType: GraphQLObjectType,
    field: FieldNode,
    subgraph: string,
    path: readonly string[],
    entities: EntityFetch[],
  ): FieldNode {
    if (!field.selectionSet) return field;
    const type = objectTypeOf(parentType, field);
    const selections = this.selection(type, fieldsOf(field.selectionSet.selections), subgraph, [...path, responseKeyOf(field)], entities);
    return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections } };
  }

  private selection(
    type: GraphQLObjectType,
    fields: FieldNode[],
    subgraph: string,
    path: readonly string[],
    entities: EntityFetch[],
  ): SelectionNode[] {
    const own: SelectionNode[] = [];
    const elsewhere = new Map<string, FieldNode[]>();
    for (const field of fields) {
      const name = field.name.value;
      if (name === '__typename') {
        own.push(field);
        continue;
      }
      if (name.startsWith('__')) throw new Unplannable('introspection');
      const graphs = this.subgraphs.graphsOf(type.name, name);
      if (graphs.includes(subgraph)) {
        own.push(this.field(type, field, subgraph, path, entities));
        continue;
      }
      const other = graphs.find((g) => elsewhere.has(g)) ?? graphs[0];
      if (!other) throw new Unplannable(`${type.name}.${name} is served by no subgraph`);
      let list = elsewhere.get(other);
      if (!list) elsewhere.set(other, (list = []));
      list.push(field);
    }
    for (const [other, otherFields] of elsewhere) {
      const keyField = this.subgraphs.keyOf(type.name, other);
      if (!keyField || !this.subgraphs.graphsOf(type.name, keyField).includes(subgraph)) {
        throw new Unplannable(`${type.name} cannot be fetched from ${other} by a key ${subgraph} holds`);
      }
      const keyAlias = `${KEY_ALIAS_PREFIX}${keyField}`;
      if (!own.some((s) => s.kind === Kind.FIELD && s.alias?.value === keyAlias)) own.push(aliasedField(keyAlias, keyField));
      if (!this.subgraphs.graphsOf(type.name, keyField).includes(other))
        throw new Unplannable(`${other} does not echo the key of ${type.name}`);
      const nested: EntityFetch[] = [];
      // The key again in the answer: each entity is checked to be the one asked for before it is merged.
      const selections = [aliasedField(keyAlias, keyField), ...this.selection(type, otherFields, other, [], nested)];
      const wire = wireSelections(selections);
      const fragment = {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.name } },
        selectionSet: { kind: Kind.SELECTION_SET, selections: wire.selections },
      } as const;
      entities.push({
        subgraph: other,
        typeName: type.name,
        path,
        keyField,
        keyAlias,
        selection: print(fragment),
        expansion: wire.expansion,
        selections,
        fields: otherFields.map(responseKeyOf),
        variables: variablesIn(fragment),
        variableDefinitions: {},
        entities: nested,
      });
    }
    return own;
  }
}

/** The plan's documents have fragments inlined (plan-operation.ts); any other selection is not planned. */
function fieldsOf(selections: readonly SelectionNode[]): FieldNode[] {
  return selections.map((selection) => {
    if (selection.kind !== Kind.FIELD) throw new Unplannable('a fragment');
    return selection;
  });
}

function objectTypeOf(parentType: GraphQLObjectType, field: FieldNode): GraphQLObjectType {
  const definition = parentType.getFields()[field.name.value];
  const type = definition && getNamedType(definition.type);
  if (!type || !isObjectType(type)) throw new Unplannable(`${parentType.name}.${field.name.value} is not an object type`);
  return type;
}

export function responseKeyOf(selection: SelectionNode): string {
  if (selection.kind !== Kind.FIELD) throw new Unplannable('a fragment');
  return selection.alias?.value ?? selection.name.value;
}

function aliasedField(alias: string, name: string): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: alias }, name: { kind: Kind.NAME, value: name } };
}

function variablesIn(node: Parameters<typeof visit>[0]): string[] {
  const names = new Set<string>();
  visit(node, {
    Variable(variable) {
      names.add(variable.name.value);
    },
  });
  return [...names];
}
