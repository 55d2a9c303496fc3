import { readFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { GATEWAY_TYPE_DEFS } from '../gateway-fields/gateway-fields.graphql';
import { GATEWAY_RESOLVERS } from '../gateway-fields/gateway-resolvers';
import { buildExecutableSchema } from './executable-schema';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from './paths';

/**
 * The schema clients see at `/graphql`: the supergraph's API (no federation directives) with
 * the gateway's own fields beside it, exactly as the gateway stitches them. The console's typed
 * operations are generated from the committed copy (`gateway/api-schema.graphql`).
 */
export function apiSchemaSdl(supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8')): string {
  // No request is ever sent: the endpoints only have to exist for the stitching to build.
  const endpoints = { police: 'http://0.0.0.0/', 'local-authority': 'http://0.0.0.0/', nhs: 'http://0.0.0.0/', ngo: 'http://0.0.0.0/' };
  const schema = buildExecutableSchema(endpoints, supergraphSdl, { typeDefs: GATEWAY_TYPE_DEFS, resolvers: GATEWAY_RESOLVERS });
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function committedApiSchema(): string {
  return readFileSync(API_SCHEMA_PATH, 'utf8');
}
