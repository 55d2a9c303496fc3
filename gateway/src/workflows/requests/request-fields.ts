import type { SubgraphName } from '@hub/shared';
import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { isLink } from '../../policy/subjects';
import type { Ownership } from '../../supergraph/ownership';

/**
 * What a request may name: a field of a person's record (reached from Person without crossing a
 * link), owned by one partner. Links and the directory are not requested: a link is shared only
 * where an agreement rule names it.
 */
export function isSubjectField(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, fieldName, ...rest] = coordinate.split('.');
  if (!typeName || !fieldName || rest.length > 0) return false;
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  if (!field || !isObjectType(type) || isLink(type, field) || typeName === 'SupportService') return false;
  return typesUnderPerson(schema).has(typeName) && !(typeName === 'Person' && fieldName === 'id');
}

/** The partner whose data the coordinate is (value types take the partner of their only parent). */
export function fieldOwner(ownership: Ownership, coordinate: string): SubgraphName | undefined {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  return ownership.ownerOf(typeName, fieldName);
}

/**
 * Why `owner` cannot disclose `coordinate` on request, or undefined if it can: it must be a field
 * of a subject's record (isSubjectField) and the owner's own data (a field of a type several
 * partners' records use, such as Address.line1, is nobody's alone); and a charity discloses only
 * the support episodes it provides itself, which is decided on the episode, so it discloses
 * `Person.support` or an episode's fields, not the records below one (a consent record does not
 * say whose episode it belongs to).
 */
export function notDisclosable(schema: GraphQLSchema, ownership: Ownership, owner: SubgraphName, coordinate: string): string | undefined {
  if (!isSubjectField(schema, coordinate)) return `"${coordinate.slice(0, 80)}" is not a field of a subject's record (Type.field)`;
  const holder = fieldOwner(ownership, coordinate);
  if (holder !== owner) return `${coordinate} is ${holder ?? 'no single partner'}'s data, not ${owner}'s`;
  if (owner === 'ngo' && coordinate !== 'Person.support' && !coordinate.startsWith('SupportEpisode.')) {
    return `${coordinate} is disclosed with the episode it belongs to: ask for Person.support or SupportEpisode fields`;
  }
  return undefined;
}

/** Whether `coordinate` is `asked` or lies below it within the subject (a narrower disclosure). */
export function fieldWithin(schema: GraphQLSchema, coordinate: string, asked: string): boolean {
  if (coordinate === asked) return true;
  const [typeName, fieldName] = asked.split('.') as [string, string];
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  const named = field ? getNamedType(field.type) : undefined;
  if (!named || !isObjectType(named) || (isObjectType(type) && field && isLink(type, field))) return false;
  return typesBelow(named).has(coordinate.split('.')[0]!);
}

function typesBelow(root: GraphQLObjectType): Set<string> {
  const found = new Set<string>();
  const walk = (type: GraphQLObjectType) => {
    if (found.has(type.name)) return;
    found.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named) && !isLink(type, field) && named.name !== 'SupportService') walk(named);
    }
  };
  walk(root);
  return found;
}

const underPerson = new WeakMap<GraphQLSchema, Set<string>>();
function typesUnderPerson(schema: GraphQLSchema): Set<string> {
  let types = underPerson.get(schema);
  if (!types) underPerson.set(schema, (types = typesBelow(schema.getType('Person') as GraphQLObjectType)));
  return types;
}
