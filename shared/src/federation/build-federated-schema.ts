import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

export type ReferenceResolvers = Record<string, { __resolveReference: (...args: any[]) => unknown }>;

/**
 * Builds a federation 2 subgraph schema from type-graphql resolver classes.
 * type-graphql writes the types and field resolvers; `@apollo/subgraph` adds `_service`,
 * `_entities` and the entity union; `referenceResolvers` give each entity's `__resolveReference`.
 * `orphanedTypes` names types no query reaches (an entity this subgraph only extends).
 */
export function buildFederatedSchema(
  resolvers: NonEmptyArray<Function>,
  referenceResolvers: ReferenceResolvers,
  orphanedTypes: Function[] = [],
): GraphQLSchema {
  // Synchronous from here to the SDL: no other build can interleave with the reset below.
  forgetBuiltTypeMetadata();
  const schema = buildSchemaSync({ resolvers, orphanedTypes, skipCheck: true, validate: false });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolverMap = createResolversMap(schema);
  return buildSubgraphSchema({
    typeDefs,
    resolvers: mergePerType(resolverMap, referenceResolvers) as GraphQLResolverMap<unknown>,
  });
}

/**
 * type-graphql keeps one global metadata store and, on the first build, writes the fields
 * that `@FieldResolver`s add (Person.police, Person.health ...) into the shared type
 * definitions for good. Four subgraphs built in one process (`npm start`, the composer, the
 * tests) would then each show every other partner's fields. Clearing what a build derived
 * makes the next build start from the decorators alone.
 */
function forgetBuiltTypeMetadata(): void {
  const storage = getMetadataStorage() as unknown as Record<string, { fields?: unknown; directives?: unknown; extensions?: unknown }[]>;
  for (const kind of ['objectTypes', 'interfaceTypes', 'inputTypes', 'argumentTypes']) {
    for (const definition of storage[kind] ?? []) {
      delete definition.fields;
      delete definition.directives;
      delete definition.extensions;
    }
  }
}

/**
 * Merges type by type. A plain Object.assign would replace `Person`'s field resolvers with
 * the object holding only `__resolveReference` (found in the feasibility spike: docs/sources.md#the-product-specification).
 */
function mergePerType(base: Record<string, any>, extra: Record<string, any>): Record<string, any> {
  const merged: Record<string, any> = { ...base };
  for (const [type, fields] of Object.entries(extra)) merged[type] = { ...(merged[type] ?? {}), ...fields };
  return merged;
}
