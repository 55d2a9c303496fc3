import { getNamedType, isObjectType, isScalarType, isEnumType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { isSubjectType } from '../model/schema';
import type { GeneratedOperation, References } from './generate-operation';
import type { Random } from './prng';

/**
 * Operations aimed at one field a record condition decides. Random selections reach such a field
 * only as a product of small chances (the root, each field on the way, the persona, the headers,
 * a subject whose record makes the condition hold), so a rule like a signposted deny could go
 * untried in 10 000 cases. An aimed case asks the field by a shortest path from a subject root,
 * about a subject the partners hold, with a few of its siblings; everything else about the case
 * (persona rotation aside, see the planner) is as random as any other.
 */

/** How to reach each focus coordinate: the root type and the fields from it, without crossing a link. */
export interface Target {
  coordinate: string;
  root: 'Person' | 'Location';
  /** Field names from the root's object down to and including the field itself. */
  path: string[];
  /** The coordinates along the path (`Person.police`, `PoliceRecord.currentAddress`): rules on any of them cover the field. */
  along: string[];
}

/** Every focus coordinate that some subject root reaches, with its shortest path. */
export function targetsOf(schema: GraphQLSchema, focus: readonly string[]): Target[] {
  const targets: Target[] = [];
  for (const coordinate of new Set(focus)) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    for (const root of ['Person', 'Location'] as const) {
      const path = shortestPath(schema, root, typeName);
      if (!path) continue;
      const type = schema.getType(typeName) as GraphQLObjectType;
      const names = fieldName === '*' ? Object.keys(type.getFields()) : [fieldName];
      for (const name of names) {
        if (!type.getFields()[name] || type.getFields()[name]!.args.length > 0) continue;
        const steps = [...path.map((p) => p.field), name];
        const along = [...path.map((p) => `${p.type}.${p.field}`), `${typeName}.${name}`];
        targets.push({ coordinate: `${typeName}.${name}`, root, path: steps, along });
      }
      break;
    }
  }
  return targets;
}

/** `{ person(id: "…") { police { currentAddress { line1 uprn } } } }`, with a sibling or two on the way. */
export function targetedOperation(
  rnd: Random,
  schema: GraphQLSchema,
  refs: References,
  target: Target,
  subjects: readonly string[],
): GeneratedOperation {
  const ref = target.root === 'Person' ? rnd.pick(subjects) : rnd.pick(refs.uprns);
  let type = schema.getType(target.root) as GraphQLObjectType;
  const opening: string[] = [];
  const closing: string[] = [];
  for (const [i, name] of target.path.entries()) {
    const field = type.getFields()[name]!;
    const named = getNamedType(field.type);
    const siblings = leaves(type).filter((f) => f !== name && rnd.chance(0.3));
    const last = i === target.path.length - 1;
    if (!isObjectType(named)) {
      opening.push([...siblings, name].join(' '));
      break;
    }
    if (last) {
      opening.push(`${siblings.join(' ')} ${name} { ${innerSelection(rnd, named)} }`);
      break;
    }
    opening.push(`${siblings.join(' ')} ${name} {`);
    closing.unshift('}');
    type = named;
  }
  const rootField = target.root === 'Person' ? `person(id: ${JSON.stringify(ref)})` : `location(uprn: ${JSON.stringify(ref)})`;
  const key = target.root === 'Person' ? 'id' : 'uprn';
  const query = `{ ${rootField} { ${rnd.chance(0.5) ? `${key} ` : ''}${opening.join(' ')} ${closing.join(' ')} } }`;
  return {
    query: query.replace(/\s+/g, ' '),
    variables: {},
    roots: [{ field: target.root === 'Person' ? 'person' : 'location', refs: [ref] }],
  };
}

/** Up to three leaves of an object, or one step further down when it has none. */
function innerSelection(rnd: Random, type: GraphQLObjectType, depth = 0): string {
  const own = leaves(type);
  if (own.length > 0) return rnd.shuffle(own).slice(0, rnd.int(1, 3)).join(' ');
  const next = Object.values(type.getFields()).find((f) => f.args.length === 0 && isObjectType(getNamedType(f.type)));
  if (!next || depth > 2) return '__typename';
  const named = getNamedType(next.type) as GraphQLObjectType;
  // A link's far end is a subject: its key is enough to show the link.
  if (isSubjectType(named.name)) return `${next.name} { ${named.name === 'Person' ? 'id' : 'uprn'} }`;
  return `${next.name} { ${innerSelection(rnd, named, depth + 1)} }`;
}

function leaves(type: GraphQLObjectType): string[] {
  return Object.values(type.getFields())
    .filter((f) => f.args.length === 0 && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))))
    .map((f) => f.name);
}

/** Breadth first from a subject type to `typeName` through object fields, never across a link to another subject. */
function shortestPath(schema: GraphQLSchema, root: string, typeName: string): { type: string; field: string }[] | undefined {
  if (root === typeName) return [];
  const queue: { type: string; path: { type: string; field: string }[] }[] = [{ type: root, path: [] }];
  const seen = new Set([root]);
  while (queue.length > 0) {
    const { type, path } = queue.shift()!;
    for (const field of Object.values((schema.getType(type) as GraphQLObjectType).getFields())) {
      const named = getNamedType(field.type);
      if (field.args.length > 0 || !isObjectType(named) || isSubjectType(named.name) || seen.has(named.name)) continue;
      const next = [...path, { type, field: field.name }];
      if (named.name === typeName) return next;
      seen.add(named.name);
      queue.push({ type: named.name, path: next });
    }
  }
  return undefined;
}
