import { buildSchema, executeSync, getIntrospectionQuery, Kind, parse, print, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { selfContainedField } from './inline-fragments';

const schema = buildSchema('type Query { person: Person } type Person { id: ID name: String }');

/** The query's first root field made self-contained, run alone in a document without fragments, as the planner runs it. */
function runAlone(source: string): unknown {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  const key = (f: FieldNode) => f.alias?.value ?? f.name.value;
  const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const first = fields.filter((f) => key(f) === key(fields[0]!));
  const alone: OperationDefinitionNode = {
    ...operation,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [selfContainedField(first, fragments)] },
  };
  const result = executeSync({ schema, document: { kind: Kind.DOCUMENT, definitions: [alone] } });
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('selfContainedField', () => {
  it('answers a named fragment on an introspection type as graphql-js does with the fragment defined', () => {
    const source = '{ __type(name: "Person") { ...F } } fragment F on __Type { name fields { ...G } } fragment G on __Field { name }';
    expect(runAlone(source)).toEqual(executeSync({ schema, document: parse(source) }).data);
    expect(runAlone(source)).toEqual({ __type: { name: 'Person', fields: [{ name: 'id' }, { name: 'name' }] } });
  });

  it('answers the standard introspection query (…FullType, …TypeRef) as graphql-js does', () => {
    const source = getIntrospectionQuery();
    expect(runAlone(source)).toEqual(executeSync({ schema, document: parse(source) }).data);
  });

  it('merges the selections of one field asked twice, and keeps a spread’s directives', () => {
    const source =
      'query($x: Boolean = true) { __type(name: "Person") { name } __type(name: "Person") { ...F @skip(if: $x) kind } } fragment F on __Type { description }';
    expect(runAlone(source)).toEqual({ __type: { name: 'Person', kind: 'OBJECT' } });
    expect(print(parse(source))).toContain('...F @skip(if: $x)');
  });

  it('refuses a spread of a fragment the document does not define', () => {
    expect(() => runAlone('{ __schema { ...Missing } }')).toThrow('unknown fragment Missing');
  });
});
