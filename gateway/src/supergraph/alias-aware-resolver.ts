import { defaultMergedResolver, isExternalObject } from '@graphql-tools/delegate';
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * Works around a fault of the stitching runtime: a root field shared by several subgraphs
 * (`people`, `stats`) is asked of each, and the answers are merged with `mergeDeep`, which copies
 * nested objects without the marker that makes them "external". For such an object
 * `defaultMergedResolver` falls back to graphql-js's `defaultFieldResolver`, which reads the
 * field's *name* — but the subgraph answered under the field's *alias*, so every aliased field
 * below (`people { support { a: providerOrg } }`, and the gateway's own `__hub_` facts) came back
 * null. Found by the differential oracle test. The subgraph's answer is keyed by response key
 * either way, so read that.
 */
const aliasAwareResolver: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (parent, args, context, info) => {
  if (parent === null || typeof parent !== 'object' || isExternalObject(parent))
    return defaultMergedResolver(parent as never, args, context as Record<string, unknown>, info);
  const value = (parent as Record<string, unknown>)[info.fieldNodes[0]?.alias?.value ?? info.fieldName];
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).call(parent, args, context, info) : value;
};

/** Replaces `defaultMergedResolver` on every field of the stitched schema (in place). */
export function resolveAliasesInMergedObjects(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve === defaultMergedResolver) field.resolve = aliasAwareResolver;
    }
  }
}
