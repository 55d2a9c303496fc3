import { buildASTSchema, isObjectType, parse, printSchema, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * The gateway's schema once more, with no delegation: every field reads its value from the tree
 * the fetch plan merged, by response key (the partners answered under the client's aliases). The
 * policy's record rules are installed on it exactly as on the stitched schema
 * (install-enforcement.ts), so phase 2 decides each value with its parent while graphql-js walks
 * the tree.
 */
export function dataSchemaOf(gatewaySchema: GraphQLSchema): GraphQLSchema {
  const schema = buildASTSchema(parse(printSchema(gatewaySchema)), { assumeValidSDL: true });
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) field.resolve = byResponseKey;
  }
  return schema;
}

const byResponseKey: GraphQLFieldResolver<Record<string, unknown> | null, unknown> = (parent, _args, _context, info) => {
  const node = info.fieldNodes[0]!;
  return parent?.[node.alias ? node.alias.value : info.fieldName];
};

/** Whether a resolver is the data schema's own read by response key: what it returns is `parent[responseKey]`. */
export function isByResponseKey(resolve: GraphQLFieldResolver<never, never> | undefined): boolean {
  return resolve === byResponseKey;
}
