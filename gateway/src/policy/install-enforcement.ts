import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import type { CompiledPolicy } from './compiled-policy';
import { forbidden, type PolicyContext } from './request-policy';
import { isEchoedKey } from './subjects';

/**
 * Wraps, in place, the resolvers of the fields whose rules need record data, and nothing else.
 * `shield()` over the whole schema wraps every field and cut throughput to a third (spec §11);
 * a direct wrap of the few fields that need it costs almost nothing on the rest.
 */
export function installRecordEnforcement(schema: GraphQLSchema, policy: CompiledPolicy): string[] {
  const coordinates = [...new Set([...policy.conditionalCoordinates, ...subjectEntryFields(schema)])].sort();
  for (const coordinate of coordinates) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`cannot enforce ${coordinate}: no such field in the gateway schema`);
    const original = field.resolve ?? defaultFieldResolver;
    field.resolve = (parent, args, context: PolicyContext, info) => {
      if (context?.hubPolicy) return context.hubPolicy.guard(original, parent, args, context, info);
      if (context?.enforcementOff === true) return original(parent, args, context, info);
      // A request that reached execution without a policy is a bug: fail closed.
      return forbidden({ rule: 'policy-error', agreement: null, reason: 'no policy for this request' });
    };
  }
  return coordinates;
}

/**
 * Where a person's partners' data begins (`Person.police`, …): the policy notes each person, with
 * the facts fetched beside it, as these resolve, so conditions below can be decided on them.
 */
function subjectEntryFields(schema: GraphQLSchema): string[] {
  const person = schema.getType('Person');
  if (!isObjectType(person)) return [];
  return Object.keys(person.getFields())
    .filter((field) => !isEchoedKey('Person', field))
    .map((field) => `Person.${field}`);
}
