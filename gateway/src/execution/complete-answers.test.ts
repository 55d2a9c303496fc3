import {
  buildSchema,
  execute,
  getNamedType,
  isAbstractType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields';
import { completeAnswers, UNKNOWN_VALUE, type FieldValue } from './complete-answers';
import { dataSchemaOf, isByResponseKey } from './data-schema';

/**
 * completeAnswers is held to graphql-js itself: random operations (aliases, named and inline
 * fragments on abstract types, `@skip`/`@include` by variables, `__typename`, lists of lists)
 * over random trees that answer them — some with a fault graphql-js reports (a null for a non-null
 * field, a value its type cannot serialise, a missing or wrong `__typename`). Where graphql-js
 * answers without an error, completeAnswers gives the same data (the same JSON text); where
 * graphql-js reports an error, completeAnswers gives up.
 */
const schema = dataSchemaOf(
  buildSchema(`
    enum Risk { LOW HIGH }
    interface Node { id: ID! }
    type Person implements Node { id: ID! name: String age: Int score: Float active: Boolean risk: Risk tags: [String!] best: Person friends: [Person] things: [Thing!]! }
    type Place implements Node { id: ID! name: String! risk: Risk! }
    union Thing = Person | Place
    type Query { person: Person people: [Person!] node: Node things: [[Thing]] count: Int! }
  `),
);

const byKey: FieldValue = (field, _node, parent, _prev, key) => (isByResponseKey(field.resolve) ? parent[key] : UNKNOWN_VALUE);

/** mulberry32: the same cases every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Generator {
  private fragments: string[] = [];
  constructor(private readonly next: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  operation(): string {
    this.fragments = [];
    const body = this.selection(schema.getQueryType()!, 0);
    return `query Q($yes: Boolean = true, $no: Boolean = false) ${body}\n${this.fragments.join('\n')}`;
  }

  private selection(type: GraphQLObjectType | ReturnType<typeof schema.getType>, depth: number): string {
    const parts: string[] = [];
    if (isAbstractType(type)) {
      if (this.chance(0.5)) parts.push('__typename');
      for (const member of schema.getPossibleTypes(type)) if (this.chance(0.7)) parts.push(this.spread(member, depth));
      if (type.name === 'Node' && this.chance(0.5)) parts.push(this.field(type as unknown as GraphQLObjectType, 'id', depth));
      if (parts.length === 0) parts.push('__typename');
      return `{ ${parts.join(' ')} }`;
    }
    const object = type as GraphQLObjectType;
    for (const name of Object.keys(object.getFields()))
      if (this.chance(depth > 2 ? 0.25 : 0.5)) parts.push(this.field(object, name, depth));
    if (this.chance(0.2)) parts.push(`${this.chance(0.5) ? 'kind: ' : ''}__typename`);
    if (this.chance(0.2)) parts.push(this.spread(object, depth));
    if (parts.length === 0) parts.push('__typename');
    return `{ ${parts.join(' ')} }`;
  }

  private spread(type: GraphQLObjectType, depth: number): string {
    if (this.chance(0.5)) return `... on ${type.name} ${this.selection(type, depth + 1)}`;
    const name = `F${this.fragments.length}`;
    this.fragments.push(''); // reserve the name
    this.fragments[Number(name.slice(1))] = `fragment ${name} on ${type.name} ${this.selection(type, depth + 1)}`;
    return `...${name}`;
  }

  private field(type: GraphQLObjectType, name: string, depth: number): string {
    const named = getNamedType(type.getFields()[name]!.type);
    if (!isLeafType(named) && depth > 3) return '__typename';
    const alias = this.chance(0.25) ? `${name}_${Math.floor(this.next() * 3)}: ` : '';
    const directive = this.chance(0.15)
      ? this.pick([' @skip(if: $yes)', ' @skip(if: $no)', ' @include(if: $yes)', ' @include(if: $no)'])
      : '';
    return `${alias}${name}${directive}${isLeafType(named) ? '' : ` ${this.selection(named, depth + 1)}`}`;
  }
}

/** A tree answering the operation as graphql-js collects its fields; `faults` is the chance of each kind of fault per value. */
function answer(operation: string, next: () => number, faults: number): Record<string, unknown> {
  const document = parse(operation);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments[d.name.value] = d;
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const variables = { yes: true, no: false };
  const fault = () => next() < faults;

  const object = (type: GraphQLObjectType, fields: Map<string, readonly FieldNode[]>): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const [key, nodes] of fields) {
      const name = nodes[0]!.name.value;
      if (name === '__typename') continue;
      result[key] = value(type.getFields()[name]!.type, nodes);
    }
    return result;
  };
  const value = (type: GraphQLOutputType, nodes: readonly FieldNode[], nullable = true): unknown => {
    if (isNonNullType(type)) return fault() ? null : value(type.ofType, nodes, false);
    if (nullable && next() < 0.15) return null;
    if (isListType(type)) return Array.from({ length: Math.floor(next() * 3) }, () => value(type.ofType, nodes));
    if (isEnumType(type)) return fault() ? 'MEDIUM' : next() < 0.5 ? 'LOW' : 'HIGH';
    if (isLeafType(type)) {
      if (fault()) return { not: 'a scalar' };
      switch (type.name) {
        case 'Int':
          return Math.floor(next() * 100);
        case 'Float':
          return next() * 10;
        case 'Boolean':
          return next() < 0.5;
        default:
          return `s${Math.floor(next() * 1000)}`;
      }
    }
    const runtime = isAbstractType(type) ? schema.getPossibleTypes(type)[Math.floor(next() * schema.getPossibleTypes(type).length)]! : type;
    if (!isObjectType(runtime)) throw new Error('unexpected type');
    const tree = object(runtime, collectSubfields(schema, fragments, variables, runtime, nodes));
    if (isAbstractType(type) && !fault()) tree.__typename = fault() ? 'Query' : runtime.name;
    return tree;
  };
  return object(schema.getQueryType()!, collectFields(schema, fragments, variables, schema.getQueryType()!, op.selectionSet));
}

describe('completing answers without resolvers', () => {
  it('answers exactly as graphql-js where it answers without an error, and gives up where it reports one', async () => {
    const next = random(20261130);
    const generator = new Generator(next);
    const counts = { cases: 0, answered: 0, gaveUp: 0 };
    while (counts.cases < 600) {
      const operation = generator.operation();
      if (validate(schema, parse(operation)).length > 0) continue;
      counts.cases += 1;
      const rootValue = answer(operation, next, counts.cases % 2 === 0 ? 0 : 0.02);
      const args = { schema, document: parse(operation), operationName: 'Q', variableValues: {}, rootValue };
      const expected = await execute(args);
      const completed = completeAnswers({ ...args, valueOf: byKey });
      if (expected.errors?.length) {
        expect({ operation, completed }).toEqual({ operation, completed: undefined });
        counts.gaveUp += 1;
      } else {
        expect(completed).toBeDefined();
        expect(JSON.stringify(completed!.data)).toBe(JSON.stringify(expected.data));
        counts.answered += 1;
      }
    }
    // Both kinds of case are really there.
    expect(counts.answered).toBeGreaterThan(300);
    expect(counts.gaveUp).toBeGreaterThan(50);
  });

  it('gives up on what only a resolver could say, and on anything but a query', () => {
    const document = parse('{ count person { name } }');
    const unknown: FieldValue = (field, node, parent, prev, key, typename) =>
      node.name.value === 'name' ? UNKNOWN_VALUE : byKey(field, node, parent, prev, key, typename);
    const rootValue = { count: 1, person: { name: 'A' } };
    expect(completeAnswers({ schema, document, operationName: undefined, variableValues: {}, rootValue, valueOf: byKey })).toBeDefined();
    expect(
      completeAnswers({ schema, document, operationName: undefined, variableValues: {}, rootValue, valueOf: unknown }),
    ).toBeUndefined();
    const promised: FieldValue = () => Promise.resolve(1);
    expect(
      completeAnswers({ schema, document, operationName: undefined, variableValues: {}, rootValue, valueOf: promised }),
    ).toBeUndefined();
    const mutation = parse('mutation { count }');
    expect(
      completeAnswers({ schema, document: mutation, operationName: undefined, variableValues: {}, rootValue, valueOf: byKey }),
    ).toBeUndefined();
    // An alias that would set a plain object's prototype.
    const proto = parse('{ count __proto__: count }');
    expect(validate(schema, proto)).toEqual([]);
    expect(
      completeAnswers({ schema, document: proto, operationName: undefined, variableValues: {}, rootValue, valueOf: byKey }),
    ).toBeUndefined();
    const introspection = parse('{ count __schema { queryType { name } } }');
    expect(
      completeAnswers({ schema, document: introspection, operationName: undefined, variableValues: {}, rootValue, valueOf: byKey }),
    ).toBeUndefined();
  });

  it('gives the path of a field to the value source as graphql-js builds it', () => {
    const paths: string[] = [];
    const recording: FieldValue = (field, node, parent, prev, key, typename) => {
      const keys: (string | number)[] = [key];
      for (let p = prev; p; p = p.prev) keys.unshift(p.key);
      paths.push(`${keys.join('.')}@${typename}`);
      return byKey(field, node, parent, prev, key, typename);
    };
    const rootValue = { people: [{ id: 'A', things: [{ __typename: 'Place', n: 'x' }] }] };
    const document = parse('{ people { id things { ... on Place { n: name } } } }');
    completeAnswers({ schema, document, operationName: undefined, variableValues: {}, rootValue, valueOf: recording });
    expect(paths).toEqual(['people@Query', 'people.0.id@Person', 'people.0.things@Person', 'people.0.things.0.n@Place']);
  });
});
