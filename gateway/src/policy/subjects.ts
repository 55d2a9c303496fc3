import { getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/**
 * The types whose objects are subjects (docs/policy.md §2): a person and a property. Every value
 * belongs to the subject it was reached from; a field leading to another subject is a link, and
 * no rule reaches across one.
 */
export const SUBJECT_TYPES = ['Person', 'Location'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** Each subject type's key: the reference the client gives, structural wherever it is shown. */
export const SUBJECT_KEYS: Record<SubjectType, string> = { Person: 'id', Location: 'uprn' };

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export function isSubjectType(typeName: string): typeName is SubjectType {
  return (SUBJECT_TYPES as readonly string[]).includes(typeName);
}

export function isRootType(typeName: string): boolean {
  return ROOT_TYPES.has(typeName);
}

/** A field of a non-root type whose value is another subject: `Location.linkedPersons`, … */
export function isLink(parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>): boolean {
  return !isRootType(parentType.name) && isSubjectType(getNamedType(field.type).name);
}

/**
 * Keys that only echo the reference the client gave: a subject's own key, and the period of
 * `stats`. Structural wherever their object is shown.
 */
export function isEchoedKey(typeName: string, fieldName: string): boolean {
  if (typeName === 'Statistics') return fieldName === 'period';
  return isSubjectType(typeName) && SUBJECT_KEYS[typeName] === fieldName;
}

/**
 * The links an occurrence of `coordinate` covers without naming them: walking the field's type
 * down within its subject (stopping at links, which are listed, never entered).
 */
export function linksBelow(schema: GraphQLSchema, coordinate: string): string[] {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  if (!field || !isObjectType(type)) return [];
  if (isLink(type, field)) return [coordinate];
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (objectType: GraphQLObjectType) => {
    if (seen.has(objectType.name)) return;
    seen.add(objectType.name);
    for (const child of Object.values(objectType.getFields())) {
      if (isLink(objectType, child)) found.add(`${objectType.name}.${child.name}`);
      else {
        const named = getNamedType(child.type);
        if (isObjectType(named)) walk(named);
      }
    }
  };
  const named = getNamedType(field.type);
  if (isObjectType(named)) walk(named);
  return [...found];
}
