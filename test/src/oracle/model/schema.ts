import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildASTSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/**
 * What the oracle needs to know about the graph, read from `gateway/supergraph.graphql` with
 * graphql-js only: the types, which partner resolves each field (its `@join__field` /
 * `@join__type` graph), which fields are links between subjects, which are structural.
 */

export const SUBJECT_KEYS: Record<string, string> = { Person: 'id', Location: 'uprn' };

export interface HubSchema {
  schema: GraphQLSchema;
  /** The partner (`police`, `local-authority`, `nhs`, `ngo`) that resolves the field, or null when the parent decides. */
  resolverOf(typeName: string, fieldName: string): string | null;
  field(typeName: string, fieldName: string): GraphQLField<unknown, unknown>;
  objectType(name: string): GraphQLObjectType;
}

export function supergraphPath(): string {
  return join(__dirname, '..', '..', '..', '..', 'gateway', 'supergraph.graphql');
}

export function loadHubSchema(path: string = supergraphPath()): HubSchema {
  const sdl = readFileSync(path, 'utf8');
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const graphs = graphNames(schema);
  return {
    schema,
    resolverOf(typeName, fieldName) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) return null;
      const field = type.getFields()[fieldName];
      const fieldGraphs = joinGraphs(field?.astNode?.directives, 'join__field');
      if (fieldGraphs.length === 1) return graphs.get(fieldGraphs[0]!) ?? null;
      const typeGraphs = joinGraphs(type.astNode?.directives, 'join__type');
      if (typeGraphs.length === 1) return graphs.get(typeGraphs[0]!) ?? null;
      return null;
    },
    field(typeName, fieldName) {
      const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
      if (!field) throw new Error(`no field ${typeName}.${fieldName}`);
      return field;
    },
    objectType(name) {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
      return type;
    },
  };
}

/** `LOCAL_AUTHORITY` -> `local-authority`, from `@join__graph(name:)` on the join__Graph enum. */
function graphNames(schema: GraphQLSchema): Map<string, string> {
  const names = new Map<string, string>();
  const enumType = schema.getType('join__Graph');
  for (const value of (enumType?.astNode as any)?.values ?? []) {
    const directive = (value.directives as ConstDirectiveNode[]).find((d) => d.name.value === 'join__graph');
    const name = directive?.arguments?.find((a) => a.name.value === 'name')?.value;
    if (name?.kind === 'StringValue') names.set(value.name.value, name.value);
  }
  return names;
}

function joinGraphs(directives: readonly ConstDirectiveNode[] | undefined, name: string): string[] {
  const out: string[] = [];
  for (const d of directives ?? []) {
    if (d.name.value !== name) continue;
    const graph = d.arguments?.find((a) => a.name.value === 'graph')?.value;
    if (graph?.kind === 'EnumValue' && !out.includes(graph.value)) out.push(graph.value);
  }
  return out;
}

/** A subject is a Person or a Location (docs/policy.md §2). */
export function isSubjectType(name: string): boolean {
  return name in SUBJECT_KEYS;
}

/** A field whose type is Person or Location, other than the root queries, is a link (§2). */
export function isLink(parentType: string, field: GraphQLField<unknown, unknown>): boolean {
  return parentType !== 'Query' && isSubjectType(getNamedType(field.type).name);
}

/** `Person.id`, `Location.uprn` and `__typename` are structural (§2). */
export function isStructural(parentType: string, fieldName: string): boolean {
  return fieldName === '__typename' || SUBJECT_KEYS[parentType] === fieldName;
}

export function isListField(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** A field whose value is an object or a list of objects. */
export function isObjectField(field: GraphQLField<unknown, unknown>): boolean {
  return isObjectType(getNamedType(field.type));
}
