import {
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields';
import { buildExecutionContext } from 'graphql/execution/execute';

type Path = GraphQLResolveInfo['path'];
type FieldsByKey = Map<string, readonly FieldNode[]>;

/** What a field's value source answers when it cannot say without running the field's resolver. */
export const UNKNOWN_VALUE: unique symbol = Symbol('unknown value');

/**
 * A field's value on its parent, found without a resolver: the parent's own value, or what was
 * decided for it. The field's response path (as graphql-js builds it) is `{ prev, key, typename }`,
 * made only by the few sources that need it. UNKNOWN_VALUE when only the resolver could say.
 */
export type FieldValue = (
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  parent: Record<string, unknown>,
  prev: Path | undefined,
  key: string,
  typename: string,
) => unknown;

export interface CompleteArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  variableValues: Record<string, unknown> | undefined;
  rootValue: Record<string, unknown>;
  valueOf: FieldValue;
}

/** Thrown inside, to give up: whatever was built is dropped and graphql-js executes instead. */
const GIVE_UP: unique symbol = Symbol('give up');

/**
 * graphql-js's execution of a query over a tree that already holds every value (the fetch plan's
 * merged answers, the record rules decided on them), done directly: the same operation and
 * variables (graphql-js's own buildExecutionContext), the same fields (its own collectFields, with
 * fragments, aliases, `@skip`/`@include`), the same completion of values (non-null, lists, leaf
 * serialisation, abstract types by `__typename`) and the same key order. Its objects are plain
 * ones, where graphql-js makes them without a prototype (as dictionaries, slower to read and to
 * serialise): the same JSON. It makes no resolver calls, resolve-info objects or promises, which
 * were a tenth of the gateway's CPU on a 50-subject dashboard.
 *
 * It answers only what graphql-js would answer without an error: wherever graphql-js would report
 * one (a null for a non-null field, a value its type cannot serialise, an unknown runtime type, a
 * value only a resolver could give), it gives up, returning undefined, and the caller executes
 * with graphql-js, which reports it as it always has. complete-answers.test.ts holds the two to
 * the same JSON text.
 */
export function completeAnswers(args: CompleteArgs): { data: Record<string, unknown> } | undefined {
  const context = buildExecutionContext({
    schema: args.schema,
    document: args.document,
    rootValue: args.rootValue,
    variableValues: args.variableValues,
    operationName: args.operationName,
  });
  if (!('schema' in context) || context.operation.operation !== 'query') return undefined;
  const queryType = args.schema.getQueryType();
  if (!queryType) return undefined;
  const { schema, fragments, variableValues } = context;
  const completion = new Completion(schema, fragments, variableValues, args.valueOf);
  try {
    const fields = collectFields(schema, fragments, variableValues, queryType, context.operation.selectionSet);
    return { data: completion.object(queryType, args.rootValue, undefined, selected(queryType, fields)) };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** How a type completes a value, worked out once per type (graphql's type checks are slow outside production). */
type Shape =
  | { kind: 'nonNull'; of: Shape }
  | { kind: 'list'; of: Shape }
  | { kind: 'leaf'; type: GraphQLLeafType }
  | { kind: 'abstract'; type: GraphQLAbstractType }
  | { kind: 'object'; type: GraphQLObjectType };

const shapes = new WeakMap<GraphQLOutputType, Shape>();

function shapeOf(type: GraphQLOutputType): Shape {
  let shape = shapes.get(type);
  if (!shape) {
    if (isNonNullType(type)) shape = { kind: 'nonNull', of: shapeOf(type.ofType) };
    else if (isListType(type)) shape = { kind: 'list', of: shapeOf(type.ofType as GraphQLOutputType) };
    else if (isLeafType(type)) shape = { kind: 'leaf', type };
    else if (isAbstractType(type)) shape = { kind: 'abstract', type };
    else if (isObjectType(type)) shape = { kind: 'object', type };
    else throw new Error(`no completion for type ${String(type)}`);
    shapes.set(type, shape);
  }
  return shape;
}

/** One response key of an object's collected fields, with what completes it: its field and shape, or `__typename`. */
interface Selected {
  key: string;
  nodes: readonly FieldNode[];
  field: GraphQLField<unknown, unknown> | undefined;
  shape: Shape | undefined;
}

/** The collected fields of a runtime type, resolved to field definitions once per selection. */
function selected(type: GraphQLObjectType, fields: FieldsByKey): Selected[] {
  const definitions = type.getFields();
  const out: Selected[] = [];
  for (const [key, nodes] of fields) {
    // Results are plain objects (fast to build, shape and serialise), where `__proto__` would set
    // the prototype rather than a key: graphql-js, whose objects have none, answers that alias.
    if (key === '__proto__') throw GIVE_UP;
    const name = nodes[0]!.name.value;
    if (name === '__typename') {
      out.push({ key, nodes, field: undefined, shape: undefined });
      continue;
    }
    const field = definitions[name];
    // graphql-js leaves out a field the type does not have; introspection (__schema, __type) is not done here.
    if (!field) {
      if (name.startsWith('__')) throw GIVE_UP;
      continue;
    }
    out.push({ key, nodes, field: field as GraphQLField<unknown, unknown>, shape: shapeOf(field.type) });
  }
  return out;
}

class Completion {
  /** The selection per field nodes and runtime type, as graphql-js memoizes collectSubfields per execution (list items share them). */
  private readonly subfields = new WeakMap<readonly FieldNode[], Map<GraphQLObjectType, Selected[]>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly valueOf: FieldValue,
  ) {}

  object(
    type: GraphQLObjectType,
    source: Record<string, unknown>,
    path: Path | undefined,
    fields: readonly Selected[],
  ): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const typename = type.name;
    for (const { key, nodes, field, shape } of fields) {
      if (!field) {
        result[key] = typename;
        continue;
      }
      const value = this.valueOf(field, nodes[0]!, source, path, key, typename);
      if (value === UNKNOWN_VALUE || isErrorOrThenable(value)) throw GIVE_UP;
      result[key] = this.value(shape!, nodes, path, key, typename, value);
    }
    return result;
  }

  /** A value at `{ prev, key, typename }` (a field's, or a list item's with no typename), completed as its type says. */
  private value(
    shape: Shape,
    nodes: readonly FieldNode[],
    prev: Path | undefined,
    key: string | number,
    typename: string | undefined,
    value: unknown,
  ): unknown {
    if (shape.kind === 'nonNull') {
      const completed = this.value(shape.of, nodes, prev, key, typename, value);
      if (completed === null) throw GIVE_UP;
      return completed;
    }
    if (value === null || value === undefined) return null;
    switch (shape.kind) {
      case 'list': {
        if (!Array.isArray(value)) throw GIVE_UP;
        const here: Path = { prev, key, typename };
        const items = new Array<unknown>(value.length);
        for (let index = 0; index < value.length; index++) {
          const item: unknown = value[index];
          if (isErrorOrThenable(item)) throw GIVE_UP;
          items[index] = this.value(shape.of, nodes, here, index, undefined, item);
        }
        return items;
      }
      case 'leaf': {
        let serialized: unknown;
        try {
          serialized = shape.type.serialize(value);
        } catch {
          throw GIVE_UP;
        }
        if (serialized === null || serialized === undefined) throw GIVE_UP;
        return serialized;
      }
      case 'abstract': {
        if (typeof value !== 'object') throw GIVE_UP;
        // graphql-js's default type resolver: the value's own __typename (the data schema has no other).
        const name = (value as { __typename?: unknown }).__typename;
        const runtime = typeof name === 'string' ? this.schema.getType(name) : undefined;
        if (!isObjectType(runtime) || !this.schema.isSubType(shape.type, runtime)) throw GIVE_UP;
        return this.objectBelow(runtime, value as Record<string, unknown>, nodes, { prev, key, typename });
      }
      case 'object':
        if (typeof value !== 'object' || shape.type.isTypeOf) throw GIVE_UP;
        return this.objectBelow(shape.type, value as Record<string, unknown>, nodes, { prev, key, typename });
    }
  }

  private objectBelow(type: GraphQLObjectType, source: Record<string, unknown>, nodes: readonly FieldNode[], path: Path) {
    let byType = this.subfields.get(nodes);
    if (!byType) this.subfields.set(nodes, (byType = new Map()));
    let fields = byType.get(type);
    if (!fields) byType.set(type, (fields = selected(type, collectSubfields(this.schema, this.fragments, this.variables, type, nodes))));
    return this.object(type, source, path, fields);
  }
}

/** What graphql-js takes for an error or a value still to come: neither can be completed here. */
function isErrorOrThenable(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value instanceof Error || typeof (value as { then?: unknown }).then === 'function')
  );
}
