import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { RecordCondition } from '../policy/conditions/record-condition';
import { isLink, linksBelow } from '../policy/subjects';

/**
 * Checks of what a rule reaches in the graph, beyond its coordinates existing: a link to another
 * subject must be named to be shared (docs/policy.md §3), and a record condition can only be used
 * where its facts are (its declared types).
 */

/** The links an allow rule's fields would share without naming them. */
export function unnamedLinks(fields: readonly string[], expanded: readonly string[], schema: GraphQLSchema): string[] {
  const named = new Set(fields);
  const found = new Set<string>();
  for (const coordinate of expanded) {
    for (const link of linksBelow(schema, coordinate)) if (!named.has(link)) found.add(link);
  }
  return [...found].sort();
}

/** What is wrong with using `condition` on the field `coordinate`, or undefined. */
export function conditionProblem(condition: RecordCondition, coordinate: string, schema: GraphQLSchema): string | undefined {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  if (!field || !isObjectType(type)) return undefined; // reported as an unknown coordinate
  const where = condition.decidedOn.join(' or ');
  switch (condition.scope) {
    case 'item': {
      const itemType = getNamedType(field.type).name;
      return condition.decidedOn.includes(itemType)
        ? undefined
        : `${condition.name} is decided on each ${where}, not on ${coordinate} (${itemType})`;
    }
    case 'parent':
      return condition.decidedOn.includes(typeName) ? undefined : `${condition.name} is decided on a ${where} record, not on ${coordinate}`;
    case 'subject':
      return condition.decidedOn.some((subject) => typesWithin(schema, subject).has(typeName))
        ? undefined
        : `${condition.name} is decided on the ${where} a field belongs to; ${coordinate} is not within one`;
  }
}

/** The types whose fields belong to a subject of this type (reached without crossing a link). */
function typesWithin(schema: GraphQLSchema, subjectType: string): Set<string> {
  const found = new Set<string>();
  const walk = (type: GraphQLObjectType) => {
    if (found.has(type.name)) return;
    found.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isLink(type, field) && isObjectType(named)) walk(named);
    }
  };
  const root = schema.getType(subjectType);
  if (isObjectType(root)) walk(root);
  return found;
}
