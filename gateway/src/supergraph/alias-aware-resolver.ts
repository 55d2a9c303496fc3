import { defaultMergedResolver, isExternalObject } from '@graphql-tools/delegate';
import { defaultFieldResolver, isObjectType, Kind, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

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

/**
 * Replaces `defaultMergedResolver` on every field of the stitched schema (in place). The gateway's
 * own types (`gatewayTypes`: a referral, its shared values, an approval) are built by its resolvers,
 * keyed by field name, never by a subgraph: they read by name (red team, 2 December: an aliased
 * `sharedValues { v: value }` came back null, and an aliased non-null `field` failed).
 */
export function resolveAliasesInMergedObjects(schema: GraphQLSchema, gatewayTypes: ReadonlySet<string> = new Set()): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve === defaultMergedResolver) field.resolve = gatewayTypes.has(type.name) ? defaultFieldResolver : aliasAwareResolver;
    }
  }
}

/** The object types a document defines (not those it extends, nor the root types): the gateway's own. */
export function objectTypesDefinedIn(document: DocumentNode): Set<string> {
  const roots = new Set(['Query', 'Mutation', 'Subscription']);
  return new Set(
    document.definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION && !roots.has(d.name.value) ? [d.name.value] : [])),
  );
}
